package org.breachnotify.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.breachnotify.register.Address;
import org.breachnotify.register.Group;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The address block in each country's postal order; Dutch lines as NEN 5825 and the population register write them. */
class AddressLinesTest {

    private static final Locale DUTCH = Locale.forLanguageTag("nl");
    private static final Locale ENGLISH = Locale.ENGLISH;

    private static List<String> block(Address address, Locale language, AddressLayout layout) {
        LetterContent content = new LetterContent("BN-1", Group.GROUP_3, language.getLanguage(), "v1", "J.", null,
                "Jansen", address, LocalDate.of(2025, 9, 12), "R8-KD4P", false, null, null, layout);
        return AddressLines.lines(content, language);
    }

    /** The examples of Haal Centraal BRP's adresregel1 feature (NEN 5825:2002). */
    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            Borgesiusstraat       | 103 | c |     | Borgesiusstraat 103 c
            Daniël Stalpertstraat | 35  |   | III | Daniël Stalpertstraat 35 III
            Atatürkstraat         | 9   |   | 2   | Atatürkstraat 9-2
            St. Jacobsstraat      | 400 | L | Toe | St. Jacobsstraat 400 LToe
            Cronus                | 555 | B | 73c | Cronus 555 B73c
            Jonkheer van Riemsdijkln | 88 |  |   | Jonkheer van Riemsdijkln 88
            """)
    void dutchStreetLinesFollowNen5825(String street, int number, String letter, String suffix, String expected) {
        Address address = new Address(street, number, letter, suffix, "2497 BV", "Den Haag", "NL");
        assertThat(block(address, DUTCH, AddressLayout.POSTAL_ORDER))
                .containsExactly("J. Jansen", expected, "2497 BV  DEN HAAG");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            GB | Downing Street    | 10  | SW1A 2AA | London     | en | 10 Downing Street    / LONDON / SW1A 2AA / UNITED KINGDOM
            IE | Merrion Square    | 29  | D02 RW64 | Dublin     | en | 29 Merrion Square    / DUBLIN / D02 RW64 / IRELAND
            US | Pennsylvania Avenue NW | 1600 | 20500 | Washington DC | en | 1600 Pennsylvania Avenue NW / WASHINGTON DC 20500 / UNITED STATES
            FR | rue de la Paix    | 16  | 75002    | Paris      | nl | 16 rue de la Paix    / 75002 PARIS / FRANKRIJK
            BE | Rue de la Loi     | 16  | 1000     | Bruxelles  | en | Rue de la Loi 16     / 1000 BRUXELLES / BELGIUM
            DE | Straße des 17. Juni | 135 | 10623  | Berlin     | nl | Straße des 17. Juni 135 / 10623 BERLIN / DUITSLAND
            BQ | Kaya Grandi       | 12  |          | Kralendijk | nl | Kaya Grandi 12       / KRALENDIJK / CARIBISCH NEDERLAND
            """)
    void abroadEachCountryHasItsOrderAndTheCountryComesLast(String country, String street, int number,
                                                          String postcode, String city, String language,
                                                          String expected) {
        Address address = new Address(street, number, null, null, postcode, city, country);
        List<String> lines = block(address, Locale.forLanguageTag(language), AddressLayout.POSTAL_ORDER);
        assertThat(lines.subList(1, lines.size()))
                .containsExactly(expected.split("\\s*/\\s*"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a foreign postcode in lower case | sw1a 2aa | SW1A 2AA
            """)
    void postcodesAbroadArePrintedInCapitals(String what, String given, String printed) {
        Address address = new Address("Downing Street", 10, null, null, given, "London", "GB");
        assertThat(block(address, ENGLISH, AddressLayout.POSTAL_ORDER)).contains(printed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            domestic with letter and suffix | NL | Keizersgracht 123a-2 | 1012 AB  AMSTERDAM
            abroad, postcode before the town | GB | Keizersgracht 123a-2 | 1012 AB AMSTERDAM
            """)
    void lettersMadeUnderTheFirstRulesKeepThem(String what, String country, String streetLine, String townLine) {
        Address address = new Address("Keizersgracht", 123, "a", "2", "1012 AB", "Amsterdam", country);
        assertThat(block(address, ENGLISH, AddressLayout.FIRST)).containsSequence(streetLine, townLine);
    }
}
