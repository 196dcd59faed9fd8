package org.breachnotify.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.geom.Rectangle2D;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.breachnotify.letter.PdfInspection.Glyph;
import org.breachnotify.register.Address;
import org.breachnotify.register.Group;

class LetterRendererTest {

    private static final float MM = 72f / 25.4f;
    private static final LetterRenderer RENDERER = new LetterRenderer();
    private static final Address AMSTERDAM = new Address("Keizersgracht", 123, "a", "2", "1012 AB", "Amsterdam", "NL");
    private static final Address BRUSSELS = new Address("Rue de la Loi", 16, null, null, "1000", "Bruxelles", "BE");

    static LetterContent letter(Group group, String language, String initials, String prefix, String surname,
                                Address address) {
        return new LetterContent("BN-7KQ4-M2XH", group, language, "v1", initials, prefix, surname, address,
                LocalDate.of(2025, 9, 12), "R8-KD4P");
    }

    static Stream<Arguments> everyGroupAndLanguage() {
        return Stream.of(Group.GROUP_1, Group.GROUP_2, Group.GROUP_3, Group.GROUP_4)
                .flatMap(g -> Stream.of(Arguments.of(g, "nl"), Arguments.of(g, "en")));
    }

    @ParameterizedTest(name = "{0} in {1}: personal and required parts are printed")
    @MethodSource("everyGroupAndLanguage")
    void every_letter_carries_the_personal_and_the_required_parts(Group group, String language) throws Exception {
        RenderedLetter rendered = RENDERER.render(letter(group, language, "J.A.", "Van der", "Berg", AMSTERDAM));
        String text = PdfInspection.flatText(rendered.pdf());
        boolean nl = language.equals("nl");

        assertThat(text).contains("J.A. van der Berg", "Keizersgracht 123 a2", "1012 AB AMSTERDAM", "BN-7KQ4-M2XH",
                "R8-KD4P", "0800-0000000", "privacy@bevolkingsonderzoeknederland.example");
        assertThat(text).contains(nl ? "Beste J.A. van der Berg," : "Dear J.A. van der Berg,");
        assertThat(text).contains(nl ? "excuses" : "apologise");
        assertThat(text).contains(nl ? "functionaris gegevensbescherming" : "data protection officer");
        assertThat(text).contains(nl
                ? "Controleer daar uw briefnummer BN-7KQ4-M2XH met controlecode R8-KD4P"
                : "check your letter id BN-7KQ4-M2XH with reference R8-KD4P");
        assertThat(text).contains("https://verify.example/brief");
        assertThat(text).contains(nl ? "12 september 2025" : "12 September 2025");
        assertThat(text).doesNotContainPattern("\\d{9}").doesNotContain("{{");
        assertThat(text.toLowerCase()).doesNotContain("mevrouw", "meneer", "heer ", "mr.", "mrs", "ms.");

        assertThat(rendered.pages()).isBetween(1, 2);
        assertThat(rendered.contentSha256()).matches("[0-9a-f]{64}");
        assertThat(RENDERER.render(letter(group, language, "J.A.", "Van der", "Berg", AMSTERDAM)).pdf())
                .as("the same content gives the same bytes").isEqualTo(rendered.pdf());
        try (PDDocument document = Loader.loadPDF(rendered.pdf())) {
            assertThat(document.getNumberOfPages()).isEqualTo(rendered.pages());
            assertThat(document.getPage(0).getMediaBox().getWidth()).isCloseTo(595.3f, within(0.5f));
        }
        if (rendered.pages() == 2) {
            assertThat(text).contains(nl ? "Pagina 1 van 2" : "Page 1 of 2", nl ? "Pagina 2 van 2" : "Page 2 of 2");
        }
    }

    @Test
    void each_group_says_whether_the_leak_is_confirmed_or_possible() throws Exception {
        assertThat(textOf(Group.GROUP_1, "nl")).contains("Uw gegevens zijn gestolen", "eerste gegevens");
        assertThat(textOf(Group.GROUP_2, "nl")).contains("Uw gegevens zijn gestolen", "latere gegevens");
        assertThat(textOf(Group.GROUP_3, "nl")).contains("misschien gestolen", "niet uitsluiten");
        assertThat(textOf(Group.GROUP_4, "nl")).contains("misschien gestolen", "vóór 2017", "huisarts");
        assertThat(textOf(Group.GROUP_3, "en")).contains("may have been stolen", "cannot rule out");
        assertThat(textOf(Group.GROUP_4, "en")).contains("Before 2017", "your GP took the smear");
    }

    @Test
    void unicode_names_survive_printing_and_extraction() throws Exception {
        String vietnamese = PdfInspection.flatText(
                RENDERER.render(letter(Group.GROUP_3, "nl", null, null, "Đặng Thị Ngọc Ễ", AMSTERDAM)).pdf());
        assertThat(vietnamese).contains("Đặng Thị Ngọc Ễ", "Beste Đặng Thị Ngọc Ễ,");

        String mixed = PdfInspection.flatText(RENDERER.render(
                letter(Group.GROUP_1, "en", "Ö.", null, "Öztürk-ĳsselmeer d'Hondt", AMSTERDAM)).pdf());
        assertThat(mixed).contains("Ö. Öztürk-ĳsselmeer d'Hondt", "Dear Ö. Öztürk-ĳsselmeer d'Hondt,");
    }

    @Test
    void hebrew_and_arabic_names_are_drawn_right_to_left_and_joined_yet_read_in_reading_order() throws Exception {
        RenderedLetter hebrew = RENDERER.render(letter(Group.GROUP_3, "en", "D.", null, "כהן", AMSTERDAM));
        RenderedLetter arabic = RENDERER.render(letter(Group.GROUP_3, "en", "S.", null, "حداد", AMSTERDAM));

        // drawn left to right: the first letter of the name rightmost; Arabic in its joined presentation forms
        LetterFont font = LetterFont.fromResource("fonts/DejaVuSans.ttf");
        assertThat(font.glyphs("D. כהן")).containsExactly(glyphsOneByOne(font, "D. \u05DF\u05D4\u05DB"));
        assertThat(font.glyphs("حداد")).containsExactly(glyphsOneByOne(font, "\uFEA9\uFE8D\uFEAA\uFEA3"));
        // and read back in reading order: extraction sees the right-to-left letters and turns them around
        assertThat(PdfInspection.flatText(hebrew.pdf())).contains("D. כהן", "Dear D. כהן,");
        assertThat(PdfInspection.flatText(arabic.pdf())).contains("S. حداد");
        // the font's character map gives the letters, not their joined forms, to poppler and other readers
        try (PDDocument document = Loader.loadPDF(arabic.pdf())) {
            PDFont embedded = document.getPage(0).getResources().getFont(COSName.getPDFName("F1"));
            assertThat(embedded.toUnicode(font.glyph(0xFEA3))).isEqualTo("\u062D");   // ح initial form
            assertThat(embedded.toUnicode(font.glyph(0xFEAA))).isEqualTo("\u062F");   // د final form
        }
    }

    private static int[] glyphsOneByOne(LetterFont font, String drawn) {
        return drawn.chars().map(font::glyph).toArray();
    }

    @Test
    void names_typed_with_combining_accents_print_as_their_composed_form() throws Exception {
        String decomposed = Normalizer.normalize("Đặng Thị Ngọc Ễ", Normalizer.Form.NFD);
        String text = PdfInspection.flatText(
                RENDERER.render(letter(Group.GROUP_3, "nl", null, null, decomposed, AMSTERDAM)).pdf());
        assertThat(text).contains("Đặng Thị Ngọc Ễ");
    }

    @Test
    void fonts_are_embedded_subsets() throws Exception {
        try (PDDocument document = Loader.loadPDF(RENDERER.render(letter(Group.GROUP_2, "nl", "J.", null, "Jansen",
                AMSTERDAM)).pdf())) {
            var resources = document.getPage(0).getResources();
            int fonts = 0;
            for (COSName name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).matches("[A-Z]{6}\\+DejaVuSans.*");
                fonts++;
            }
            assertThat(fonts).isEqualTo(2);
        }
    }

    @Test
    void a_very_long_name_and_street_stay_inside_the_envelope_window() throws Exception {
        Address address = new Address("Burgemeester Van Walsum van Oldenbarneveltsingel-Noordzijde achter de kerk",
                99999, "b", "BIS2", "9999 ZZ", "Oudkarspel-Westerkoggenland aan de Zijpe", "NL");
        String surname = "Öztürk-ĳsselmeer d'Hondt-Wijnaendts van Resandt tot Nijenbeek en Sint Annaland";
        RenderedLetter rendered = RENDERER.render(letter(Group.GROUP_1, "nl", "A.B.C.D.E.F.", "van den", surname,
                address));

        List<Glyph> addressGlyphs = glyphsInAddressArea(rendered);
        assertThat(squeezed(addressGlyphs)).contains(squeezed(surname),
                squeezed(address.street() + "99999 bBIS2"), squeezed("9999 ZZ  OUDKARSPEL-WESTERKOGGENLAND AAN DE ZIJPE"));
        float left = LetterLayout.WINDOW_LEFT;
        float right = left + LetterLayout.WINDOW_WIDTH;
        float top = LetterLayout.WINDOW_TOP;
        float bottom = top + LetterLayout.WINDOW_HEIGHT;
        assertThat(addressGlyphs).allSatisfy(g -> {
            assertThat(g.left()).as("left of %s", g.text()).isGreaterThanOrEqualTo(left);
            assertThat(g.right()).as("right of %s", g.text()).isLessThanOrEqualTo(right);
            assertThat(g.top()).as("top of %s", g.text()).isGreaterThanOrEqualTo(top);
            assertThat(g.baseline() + 2).as("bottom of %s", g.text()).isLessThanOrEqualTo(bottom);
        });
        assertThat(kixBars(rendered)).allSatisfy(bar -> assertThat(window().contains(bar)).isTrue());
    }

    @Test
    void domestic_letters_carry_the_kix_code_as_last_line_in_the_window() throws Exception {
        RenderedLetter rendered = RENDERER.render(letter(Group.GROUP_1, "nl", "J.", null, "Jansen", AMSTERDAM));

        List<Rectangle2D> bars = kixBars(rendered);
        assertThat(AMSTERDAM.kix()).contains("1012AB123XA2");
        assertThat(bars).hasSize(4 * "1012AB123XA2".length());
        // four states: tracker, ascender, descender, full bar
        assertThat(bars.stream().map(b -> Math.round(b.getHeight() * 10)).distinct()).hasSize(3);
        double kixTop = bars.stream().mapToDouble(Rectangle2D::getMinY).min().orElseThrow();
        assertThat(glyphsInAddressArea(rendered)).allSatisfy(g -> assertThat((double) g.baseline()).isLessThan(kixTop));
    }

    @Test
    void foreign_letters_have_no_kix_and_end_with_the_country() throws Exception {
        RenderedLetter dutch = RENDERER.render(letter(Group.GROUP_3, "nl", "M.", null, "Peeters", BRUSSELS));
        RenderedLetter english = RENDERER.render(letter(Group.GROUP_3, "en", "M.", null, "Peeters", BRUSSELS));

        assertThat(kixBars(dutch)).isEmpty();
        assertThat(squeezed(glyphsInAddressArea(dutch))).endsWith(squeezed("Rue de la Loi 16 1000 BRUXELLES BELGIË"));
        assertThat(squeezed(glyphsInAddressArea(english))).endsWith(squeezed("1000 BRUXELLES BELGIUM"));
    }

    @Test
    void a_letter_id_datamatrix_sits_top_right() throws Exception {
        List<Rectangle2D> rectangles = PdfInspection.rectangles(
                RENDERER.render(letter(Group.GROUP_1, "nl", "J.", null, "Jansen", AMSTERDAM)).pdf(), 1);
        List<Rectangle2D> topRight = rectangles.stream()
                .filter(r -> r.getMinX() > 150 * MM && r.getMaxY() < 40 * MM).toList();
        assertThat(topRight).hasSizeGreaterThan(50);
    }

    @Test
    void letters_render_correctly_from_several_threads_at_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> texts = IntStream.range(0, 12).mapToObj(i -> pool.submit(() ->
                    PdfInspection.flatText(RENDERER.render(new LetterContent("BN-PAR-" + i, Group.GROUP_2,
                            i % 2 == 0 ? "nl" : "en", "v1", "K.", null, "Persoon" + "ABCDEFGHIJKL".charAt(i),
                            AMSTERDAM, LocalDate.of(2025, 9, 12), "REF-" + i)).pdf()))).toList();
            for (int i = 0; i < texts.size(); i++) {
                assertThat(texts.get(i).get()).contains("BN-PAR-" + i, "K. Persoon" + "ABCDEFGHIJKL".charAt(i),
                        "REF-" + i);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void a_character_the_font_cannot_print_fails_the_letter_instead_of_printing_it_wrong() {
        assertThatThrownBy(() -> RENDERER.render(letter(Group.GROUP_1, "nl", null, null, "王", AMSTERDAM)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BN-7KQ4-M2XH")
                .hasMessageContaining("U+738B");
    }

    @Test
    void incomplete_content_is_refused() {
        assertThatThrownBy(() -> RENDERER.render(letter(Group.HELD_FOR_REVIEW, "nl", "J.", null, "Jansen", AMSTERDAM)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group");
        assertThatThrownBy(() -> RENDERER.render(letter(Group.GROUP_1, "fr", "J.", null, "Jansen", AMSTERDAM)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v1/fr/");
    }

    private static String textOf(Group group, String language) throws Exception {
        return PdfInspection.flatText(RENDERER.render(letter(group, language, "J.", null, "Jansen", AMSTERDAM)).pdf());
    }

    /** Glyphs in a generous area around the window; by layout only the return line and address are there. */
    private static List<Glyph> glyphsInAddressArea(RenderedLetter rendered) throws Exception {
        return PdfInspection.glyphs(rendered.pdf(), 1).stream()
                .filter(g -> g.left() < 120 * MM && g.baseline() > 35 * MM && g.top() < 97 * MM)
                .toList();
    }

    /** Glyph order with all whitespace dropped: the stripper reports spaces only between words of one line. */
    private static String squeezed(List<Glyph> glyphs) {
        return squeezed(String.join("", glyphs.stream().map(Glyph::text).toList()));
    }

    private static String squeezed(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static List<Rectangle2D> kixBars(RenderedLetter rendered) throws Exception {
        Rectangle2D around = new Rectangle2D.Double(0, 35 * MM, 120 * MM, 65 * MM);
        return PdfInspection.rectangles(rendered.pdf(), 1).stream().filter(around::contains).toList();
    }

    private static Rectangle2D window() {
        return new Rectangle2D.Double(LetterLayout.WINDOW_LEFT, LetterLayout.WINDOW_TOP,
                LetterLayout.WINDOW_WIDTH, LetterLayout.WINDOW_HEIGHT);
    }
}
