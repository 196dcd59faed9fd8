package org.breachnotify.letter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A process manager downloads any letter by its id. */
@RestController
public class LetterController {
    private final LetterService letters;

    public LetterController(LetterService letters) {
        this.letters = letters;
    }

    @GetMapping("/api/letters/{letterId}/pdf")
    public ResponseEntity<byte[]> pdf(@PathVariable String letterId) {
        return letters.pdf(letterId).map(pdf -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + letterId + ".pdf\"")
                        .body(pdf))
                .orElse(ResponseEntity.notFound().build());
    }
}
