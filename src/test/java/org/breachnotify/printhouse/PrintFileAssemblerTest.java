package org.breachnotify.printhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.breachnotify.letter.LetterContent;
import org.breachnotify.letter.LetterRenderer;
import org.breachnotify.letter.RenderedLetter;
import org.breachnotify.register.Address;
import org.breachnotify.register.Group;

class PrintFileAssemblerTest {

    @TempDir
    Path dir;

    @Test
    void every_letter_starts_on_a_new_sheet() throws IOException {
        Path target = dir.resolve("batch.pdf");

        PrintFile printFile = new PrintFileAssembler().assemble(List.of(
                new LetterPdf("A", letterWithPages("A", 1)),
                new LetterPdf("B", letterWithPages("B", 2)),
                new LetterPdf("C", letterWithPages("C", 1))).iterator(), target);

        assertThat(printFile).isEqualTo(new PrintFile(6, 3, List.of(1, 3, 5)));
        try (PDDocument document = Loader.loadPDF(target.toFile())) {
            assertThat(document.getNumberOfPages()).isEqualTo(6);
            assertThat(pageTexts(document)).containsExactly("A page 1 of 1", "", "B page 1 of 2", "B page 2 of 2",
                    "C page 1 of 1", "");
            for (PDPage page : document.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
                assertThat(page.getMediaBox().getHeight()).isEqualTo(PDRectangle.A4.getHeight());
            }
            assertEveryFontEmbedded(document);
        }
        assertCrossReferenceTablePointsAtItsObjects(target);
    }

    @Test
    void a_broken_letter_fails_the_whole_print_file_and_leaves_no_partial_file() throws IOException {
        Path target = dir.resolve("broken.pdf");
        List<LetterPdf> letters = List.of(new LetterPdf("A", letterWithPages("A", 1)),
                new LetterPdf("B", "not a pdf".getBytes(StandardCharsets.US_ASCII)));

        assertThatThrownBy(() -> new PrintFileAssembler().assemble(letters.iterator(), target))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void rendered_letters_keep_their_embedded_fonts_and_text_in_the_print_file() throws IOException {
        LetterRenderer renderer = new LetterRenderer();
        Address address = new Address("Dorpsstraat", 1, null, null, "1234 AB", "Ergens", "NL");
        RenderedLetter first = renderer.render(new LetterContent("BN-AAAA-0001", Group.GROUP_1, "nl", "v1", "Ö.",
                null, "Öztürk-ĳsselmeer", address, LocalDate.of(2025, 9, 12), "REF-1"));
        RenderedLetter second = renderer.render(new LetterContent("BN-AAAA-0002", Group.GROUP_4, "en", "v1", "T.",
                null, "Đặng Thị Ngọc Ễ", address, LocalDate.of(2025, 9, 12), "REF-2"));
        Path target = dir.resolve("rendered.pdf");

        PrintFile printFile = new PrintFileAssembler().assemble(List.of(
                new LetterPdf("BN-AAAA-0001", first.pdf()), new LetterPdf("BN-AAAA-0002", second.pdf())).iterator(),
                target);

        int firstSheets = (first.pages() + 1) / 2;
        assertThat(printFile.firstPages()).containsExactly(1, 2 * firstSheets + 1);
        try (PDDocument document = Loader.loadPDF(target.toFile())) {
            assertThat(document.getNumberOfPages()).isEqualTo(printFile.totalPages()).isEven();
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(printFile.firstPages().get(1));
            assertThat(stripper.getText(document)).contains("Đặng Thị Ngọc Ễ", "BN-AAAA-0002")
                    .doesNotContain("BN-AAAA-0001");
            assertEveryFontEmbedded(document);
        }
    }

    @Test
    void an_empty_batch_gives_an_empty_print_file_description() {
        PrintFile printFile = new PrintFileAssembler().assemble(List.<LetterPdf>of().iterator(),
                dir.resolve("empty.pdf"));

        assertThat(printFile).isEqualTo(new PrintFile(0, 0, List.of()));
    }

    /** PDFBox silently repairs a broken xref table when reading; other readers do not, so check it byte by byte. */
    private static void assertCrossReferenceTablePointsAtItsObjects(Path file) throws IOException {
        String pdf = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(pdf).startsWith("%PDF-1.7").endsWith("%%EOF\n");
        Matcher startXref = Pattern.compile("startxref\n(\\d+)\n%%EOF\n$").matcher(pdf);
        assertThat(startXref.find()).isTrue();
        int xref = Integer.parseInt(startXref.group(1));
        assertThat(pdf.substring(xref)).startsWith("xref\n0 ");
        String[] lines = pdf.substring(xref).split("\n");
        int size = Integer.parseInt(lines[1].split(" ")[1]);
        assertThat(lines[2]).isEqualTo("0000000000 65535 f ");
        for (int number = 1; number < size; number++) {
            String entry = lines[2 + number];
            assertThat(entry).hasSize(19).endsWith(" 00000 n ");
            int offset = Integer.parseInt(entry.substring(0, 10));
            assertThat(pdf.substring(offset)).startsWith(number + " 0 obj\n");
        }
        assertThat(pdf).contains("trailer\n<< /Size " + size + " /Root 1 0 R >>");
    }

    private static List<String> pageTexts(PDDocument document) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 1; i <= document.getNumberOfPages(); i++) {
            stripper.setStartPage(i);
            stripper.setEndPage(i);
            texts.add(stripper.getText(document).strip());
        }
        return texts;
    }

    private static void assertEveryFontEmbedded(PDDocument document) throws IOException {
        int fonts = 0;
        for (PDPage page : document.getPages()) {
            PDResources resources = page.getResources();
            for (COSName name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                fonts++;
            }
        }
        assertThat(fonts).isPositive();
    }

    /** A small letter whose pages say which letter and page they are, in an embedded subset font. */
    static byte[] letterWithPages(String id, int pages) throws IOException {
        try (PDDocument document = new PDDocument();
             InputStream fontFile = PrintFileAssemblerTest.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            PDFont font = PDType0Font.load(document, fontFile);
            for (int p = 1; p <= pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(id + " page " + p + " of " + pages);
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
