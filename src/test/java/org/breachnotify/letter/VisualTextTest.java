package org.breachnotify.letter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Lines in drawing order: right-to-left runs reversed inside a left-to-right line, Arabic joined. */
class VisualTextTest {

    @Test
    void leftToRightTextIsTheSameString() {
        String latin = "Beste J. van 't Hoff, Ærø-Łódź";
        assertThat(VisualText.of(latin)).isSameAs(latin);
    }

    @Test
    void aHebrewNameIsReversedWhereItStands() {
        assertThat(VisualText.of("Dear D. כהן,")).isEqualTo("Dear D. \u05DF\u05D4\u05DB,");
    }

    @Test
    void arabicLettersTakeTheirJoinedFormsAndLamAlefItsLigature() {
        // ح initial, د final, ا isolated (alef never joins the next letter), د isolated; drawn from the right
        assertThat(VisualText.of("حداد")).isEqualTo("\uFEA9\uFE8D\uFEAA\uFEA3");
        assertThat(VisualText.of("لا")).isEqualTo("\uFEFB");
    }

    @Test
    void numbersInsideRightToLeftTextKeepTheirOrder() {
        assertThat(VisualText.of("כהן 12")).isEqualTo("12 \u05DF\u05D4\u05DB");
    }
}
