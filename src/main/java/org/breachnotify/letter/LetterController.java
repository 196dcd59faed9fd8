package org.breachnotify.letter;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The letter archive for process managers: any letter by its id, as PDF or as its archive entry. */
@RestController
public class LetterController {
    private final LetterService letters;

    public LetterController(LetterService letters) {
        this.letters = letters;
    }

    /** The letter as printed, regenerated from the archive and checked against the printed content hash. */
    @GetMapping("/api/letters/{letterId}/pdf")
    public ResponseEntity<byte[]> pdf(@PathVariable String letterId) {
        return letters.pdf(letterId).map(pdf -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + letterId + ".pdf\"")
                        .body(pdf))
                .orElse(ResponseEntity.notFound().build());
    }

    /** Template version and fingerprint, made and rendered at, content hash, status: no name or address. */
    @GetMapping("/api/letters/{letterId}")
    public ResponseEntity<LetterService.ArchivedLetter> archived(@PathVariable String letterId) {
        return ResponseEntity.of(letters.archived(letterId));
    }

    /** Every letter of one participant (by the register's participant id), oldest first. */
    @GetMapping("/api/campaigns/{campaignId}/participants/{participantId}/letters")
    public List<LetterService.ArchivedLetter> lettersOf(@PathVariable long campaignId,
                                                        @PathVariable String participantId) {
        return letters.lettersOf(campaignId, participantId);
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> notReproducible(IllegalStateException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }
}
