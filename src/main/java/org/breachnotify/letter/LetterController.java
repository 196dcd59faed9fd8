package org.breachnotify.letter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.breachnotify.security.PersonalDataAccess;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The letter archive: any letter by its id, as PDF or as its archive entry. Who may see whose letters:
 * {@link PersonalDataAccess} (403 when the user may not see this person; 404 for an unknown letter).
 */
@RestController
public class LetterController {
    private final LetterService letters;
    private final PersonalDataAccess access;

    public LetterController(LetterService letters, PersonalDataAccess access) {
        this.letters = letters;
        this.access = access;
    }

    /** The letter as printed, regenerated from the archive and checked against the printed content hash. */
    @GetMapping("/api/letters/{letterId}/pdf")
    public ResponseEntity<byte[]> pdf(@PathVariable String letterId) {
        Optional<Long> person = letters.personOfLetter(letterId);
        if (person.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        access.requireLetters(person.get());
        return letters.pdf(letterId).map(pdf -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + letterId + ".pdf\"")
                        .body(pdf))
                .orElse(ResponseEntity.notFound().build());
    }

    /** Template version and fingerprint, made and rendered at, content hash, status: no name or address. */
    @GetMapping("/api/letters/{letterId}")
    public ResponseEntity<LetterService.ArchivedLetter> archived(@PathVariable String letterId) {
        Optional<Long> person = letters.personOfLetter(letterId);
        if (person.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        access.requireLetterRecords(person.get());
        return ResponseEntity.of(letters.archived(letterId));
    }

    /** Every letter of one participant (by the register's participant id), oldest first. */
    @GetMapping("/api/campaigns/{campaignId}/participants/{participantId}/letters")
    public List<LetterService.ArchivedLetter> lettersOf(@PathVariable long campaignId,
                                                        @PathVariable String participantId) {
        letters.personOfParticipant(campaignId, participantId).ifPresentOrElse(access::requireLetterRecords,
                () -> access.requireLetterRecords(-1));
        return letters.lettersOf(campaignId, participantId);
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> notReproducible(IllegalStateException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }
}
