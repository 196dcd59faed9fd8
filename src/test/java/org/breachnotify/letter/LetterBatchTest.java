package org.breachnotify.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.breachnotify.register.Address;
import org.breachnotify.register.Group;

class LetterBatchTest {

    private static final LetterRenderer RENDERER = new LetterRenderer(new LetterTemplates(), 2);
    private static final Address AMSTERDAM = new Address("Keizersgracht", 123, "a", "2", "1012 AB", "Amsterdam", "NL");

    @AfterAll
    static void stop() {
        RENDERER.close();
    }

    private static LetterContent letter(String id, Group group, String version, String surname) {
        return new LetterContent(id, group, "nl", version, "J.", null, surname, AMSTERDAM, LocalDate.of(2025, 9, 12),
                "REF-" + id.substring(id.length() - 4));
    }

    @Test
    void every_letter_starts_on_a_new_sheet_and_keeps_its_place_and_hash() throws Exception {
        List<LetterContent> letters = List.of(
                letter("LTR-AAAA-0001", Group.GROUP_1, "v1", "Đặng"),
                letter("LTR-AAAA-0002", Group.GROUP_1, "format-test", "Öztürk"),   // one page: a blank page follows
                letter("LTR-AAAA-0003", Group.GROUP_1, "v1", "Jansen"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        LetterRenderer.BatchFile file = RENDERER.renderBatch(letters, out, "TEST-B000001");

        assertThat(file.totalPages()).isEqualTo(6);
        assertThat(file.sheets()).isEqualTo(3);
        assertThat(file.letters()).extracting(LetterRenderer.LetterResult::letterId)
                .containsExactly("LTR-AAAA-0001", "LTR-AAAA-0002", "LTR-AAAA-0003");
        assertThat(file.letters()).extracting(LetterRenderer.LetterResult::firstPage).containsExactly(1, 3, 5);
        assertThat(file.letters()).extracting(LetterRenderer.LetterResult::pages).containsExactly(2, 1, 2);
        for (int i = 0; i < letters.size(); i++) {
            assertThat(file.letters().get(i).contentSha256()).as("hash in the batch equals the letter on its own")
                    .isEqualTo(RENDERER.render(letters.get(i)).contentSha256());
        }
        try (PDDocument document = Loader.loadPDF(out.toByteArray())) {
            assertThat(document.getNumberOfPages()).isEqualTo(6);
            assertThat(pageText(document, 1, 2)).contains("LTR-AAAA-0001", "J. Đặng").doesNotContain("Öztürk");
            assertThat(pageText(document, 3, 3)).contains("LTR-AAAA-0002", "J. Öztürk").doesNotContain("Jansen");
            assertThat(pageText(document, 4, 4)).isBlank();
            assertThat(pageText(document, 5, 6)).contains("LTR-AAAA-0003", "J. Jansen");

            Set<Object> fonts = new HashSet<>();
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    fonts.add(resources.getFont(name).getCOSObject());
                }
            }
            assertThat(fonts).as("each font embedded once per file").hasSize(2);
            assertThat(sharedParts(document.getPage(0))).as("fixed text of letters 1 and 3 is drawn once")
                    .isNotEmpty().isEqualTo(sharedParts(document.getPage(4)));
        }
    }

    @Test
    void a_letter_that_cannot_be_printed_fails_the_batch_naming_the_letter() {
        List<LetterContent> letters = List.of(letter("LTR-AAAA-0001", Group.GROUP_1, "v1", "Jansen"),
                letter("LTR-BAD0-0002", Group.GROUP_2, "v1", "王"));

        assertThatThrownBy(() -> RENDERER.renderBatch(letters, new ByteArrayOutputStream(), "TEST-B000002"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LTR-BAD0-0002").hasMessageContaining("U+738B");
    }

    @Test
    void check_refuses_what_a_batch_would_refuse_without_drawing() {
        assertThat(RENDERER.check(letter("LTR-AAAA-0001", Group.GROUP_3, "v1", "Jansen"))).isEqualTo(2);
        assertThatThrownBy(() -> RENDERER.check(letter("LTR-BAD0-0002", Group.GROUP_2, "v1", "王")))
                .hasMessageContaining("LTR-BAD0-0002");
    }

    @Test
    void a_corrective_letter_names_the_letter_it_corrects() throws Exception {
        LetterContent corrective = new LetterContent("LTR-CORR-0001", Group.GROUP_1, "nl", "v1", "J.", null, "Jansen",
                AMSTERDAM, LocalDate.of(2025, 10, 1), "R8KD-4P2M", true, "LTR-EARL-0001", LocalDate.of(2025, 8, 1));

        String text = PdfInspection.flatText(RENDERER.render(corrective).pdf());

        assertThat(text).contains("Correctie", "LTR-EARL-0001", "1 augustus 2025", "LTR-CORR-0001", "R8KD-4P2M");
        assertThatThrownBy(() -> RENDERER.check(new LetterContent("LTR-CORR-0002", Group.GROUP_1, "nl", "v1", "J.",
                null, "Jansen", AMSTERDAM, LocalDate.of(2025, 10, 1), "R8KD-4P2M", true, null, null)))
                .hasMessageContaining("earlier letter");
    }

    private static Set<Object> sharedParts(PDPage page) {
        Set<Object> forms = new HashSet<>();
        for (COSName name : page.getResources().getXObjectNames()) {
            forms.add(page.getResources().getCOSObject().getCOSDictionary(COSName.XOBJECT).getDictionaryObject(name));
        }
        return forms;
    }

    private static String pageText(PDDocument document, int from, int to) throws Exception {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(from);
        stripper.setEndPage(to);
        return stripper.getText(document).replaceAll("\\s+", " ");
    }
}
