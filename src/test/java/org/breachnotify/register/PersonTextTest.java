package org.breachnotify.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading text fields and comparing names: the cases people really send. */
class PersonTextTest {

    @ParameterizedTest(name = "{0} and {1} are the same surname")
    @CsvSource({
            "Wałęsa, WALESA", "Işık, ISIK", "Straßer, STRASSER", "Ærø, AERO", "Øster, OSTER", "Œuvray, OEUVRAY",
            "Þórsdóttir, THORSDOTTIR", "Đorđević, DORDEVIC", "Ħaġar, HAGAR", "Paŀlàs, PALLAS", "Müller, MULLER",
            "Nguyễn, NGUYEN", "Çağlar, CAGLAR", "Dĳkstra, DIJKSTRA", "van der Berg, VANDERBERG",
            "D'Hondt, DHONDT", "ter Horst, Terhorst", "Smith-Jones, SMITHJONES", "ﬁnke, FINKE"
    })
    void everyLatinLetterFoldsToItsAsciiSpelling(String name, String plain) {
        assertThat(PersonText.foldedKey(null, name)).isEqualTo(PersonText.foldedKey(null, plain));
    }

    @Test
    void decomposedAndComposedNamesAreTheSameAndPrintComposed() {
        String nfd = Normalizer.normalize("Müller", Normalizer.Form.NFD);
        assertThat(nfd).hasSize(7);
        assertThat(PersonText.clean(nfd).value()).isEqualTo("Müller").hasSize(6);
        assertThat(PersonText.foldedKey(null, nfd)).isEqualTo(PersonText.foldedKey(null, "Müller"));
        // DIN 91379: ọ̀ has no precomposed form; it stays o with dot below plus a combining grave
        assertThat(PersonText.clean("Adébáyo\u0323\u0300").value()).isEqualTo("Adébáy\u1ECD\u0300");
    }

    @Test
    void otherScriptsKeepTheirLetters() {
        assertThat(PersonText.foldedKey(null, "ბერიძე")).isEqualTo("ბერიძე");
        assertThat(PersonText.foldedKey(null, "Παπαδόπουλος")).isEqualTo("παπαδοπουλος");
    }

    @Test
    void unicodeSpacesAreSpacesAndInvisibleCharactersGo() {
        assertThat(PersonText.clean("2511\u00A0CV")).isEqualTo(new PersonText.Cleaned("2511 CV", false));
        assertThat(PersonText.clean("3511\u202FAX ")).isEqualTo(new PersonText.Cleaned("3511 AX", false));
        assertThat(PersonText.clean("Bak\u00ADker")).isEqualTo(new PersonText.Cleaned("Bakker", true));
        assertThat(PersonText.clean("\uFEFFJan\u200Bsen\u200E")).isEqualTo(new PersonText.Cleaned("Jansen", true));
        assertThat(PersonText.clean("\u00A0\u2007 ")).isEqualTo(new PersonText.Cleaned("", false));
    }
}
