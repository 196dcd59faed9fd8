package org.breachnotify.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preview command a communications officer runs after editing a template set. */
class LetterPreviewTest {

    @Test
    void the_preview_renders_every_letter_of_the_set_in_both_languages(@TempDir Path out) throws Exception {
        LetterPreview.main(new String[] {out.toString()});

        List<Path> pdfs;
        try (Stream<Path> files = Files.list(out)) {
            pdfs = files.sorted().toList();
        }
        assertThat(pdfs).hasSize(16).extracting(p -> p.getFileName().toString())
                .contains("v1-nl-GROUP_1.pdf", "v1-en-GROUP_4.pdf", "v1-nl-CORRECTION_GROUP_2.pdf",
                        "v1-en-CORRECTION_GROUP_3.pdf");
        for (Path pdf : pdfs) {
            try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
                assertThat(document.getNumberOfPages()).as(pdf.getFileName().toString()).isBetween(1, 2);
            }
        }
        String corrective = PdfInspection.flatText(Files.readAllBytes(out.resolve("v1-en-CORRECTION_GROUP_1.pdf")));
        assertThat(corrective).contains("Correction", "LTR-2B7D-K9QX-MM4T", "1 August 2025", "J.A. van der Berg");
    }
}
