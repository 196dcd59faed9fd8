package org.breachnotify.letter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which names the letter prints exactly as given, and which it refuses to print rather than garble. */
class PrintableTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"Müller", "Nguyễn", "Adébáyọ̀", "Çağlar", "Wałęsa", "Þórsdóttir", "Παπαδόπουλος",
            "Шевченко", "ბერიძე", "D'Hondt", "O’Neill", "van 't Hoff", "Ærø-Łódź", "Đorđević", "1000 BRUXELLES", "כהן", "حداد", "J. عبد الله", "لا", "پرویزی"})
    void latinGreekCyrillicGeorgianHebrewAndArabicPrint(String name) {
        assertThat(PrintableText.whyNot(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"王", "कुमार", "김", "さとう", "สมชาย", "ܐܬܘܪܝܐ", "ދިވެހި"})
    void otherScriptsAreRefusedWithAReason(String name) {
        assertThat(PrintableText.whyNot(name)).hasValueSatisfying(why -> assertThat(why).startsWith("is in the "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"כֹּהֵן", "مُحَمَّد"})
    void hebrewPointsAndArabicVowelMarksAreRefusedRatherThanMisplaced(String name) {
        assertThat(PrintableText.whyNot(name)).hasValueSatisfying(why -> assertThat(why).contains("vowel marks"));
    }
}
