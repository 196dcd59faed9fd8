package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.intake.Csv.PARTICIPANT_HEADER;
import static org.breachnotify.intake.Csv.lines;
import static org.breachnotify.intake.Csv.participant;

import org.breachnotify.returnmail.AddressUpdateRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Names, address lines and foreign postcodes are printed on the letter and (the postcode) written into the print
 * house's manifest. A value that cannot be one (a formula such as {@code =HYPERLINK(...)}, a phone number, text
 * with {@code ;} or {@code @}) is rejected at import naming the field and why; every real name and address passes,
 * also those starting with an apostrophe or a digit.
 */
class NameAndAddressShapeTest {

    private static ParticipantRow accepted(String... columnValuePairs) throws Exception {
        return Csv.participants(lines(PARTICIPANT_HEADER, participant(columnValuePairs))).only();
    }

    private static Rejection rejected(String... columnValuePairs) throws Exception {
        return Csv.participants(lines(PARTICIPANT_HEADER, participant(columnValuePairs))).onlyRejection();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "surname|D'Hondt", "surname|'t Hoff", "surname|O’Neill", "surname|Jansen-de Vries", "surname|St. John",
            "surname|Nguyễn", "surname|Wiśniewska", "surname|Ĳzerman", "surname|Aït Ahmed", "surname|Weiß",
            "surname_prefix|'t", "surname_prefix|van 't", "surname_prefix|d'", "surname_prefix|van der",
            "surname_prefix|in ’t", "initials|J.-P.", "initials|Th.", "initials|IJ.", "initials|J. A.",
            "street|1e Exloërmond", "street|'s-Gravendijkwal", "street|Mr. Troelstralaan", "street|Plein 1940-1945",
            "street|Laan van Nieuw Oost-Indië", "street|Sint-Jacobsstraat", "city|'s-Gravenhage",
            "city|'s-Hertogenbosch", "city|Bergen (NH)", "city|Oud-Beijerland", "city|Wijk bij Duurstede"})
    void realNamesAndAddressLinesAreAccepted(String column, String value) throws Exception {
        ParticipantRow row = accepted(column, value);

        String stored = switch (column) {
            case "surname" -> row.surname();
            case "surname_prefix" -> row.surnamePrefix();
            case "initials" -> row.initials();
            case "street" -> row.address().street();
            default -> row.address().city();
        };
        assertThat(stored).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "GB|SW1A 1AA|London|Downing Street", "US|12345-6789|Washington, D.C.|Pennsylvania Avenue NW",
            "LU|L-1234|Luxembourg|Rue de l'Alzette", "BE|1000|Bruxelles|Rue de la Loi", "CA|K1A 0B1|Ottawa|Wellington St.",
            "FR|75007|Paris Cedex 07|Rue de l'Université", "CO|110111|Bogotá|Carrera 7 # 32-16",
            "PT|1000-001|Lisboa|Rua Augusta, nº 3"})
    void realForeignAddressesAreAccepted(String country, String postcode, String city, String street)
            throws Exception {
        ParticipantRow row = accepted("country", country, "postcode", postcode, "city", city, "street", street);

        assertThat(row.address().postcode()).isEqualTo(postcode);
        assertThat(row.address().city()).isEqualTo(city);
        assertThat(row.address().street()).isEqualTo(street);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "surname|=HYPERLINK(\"http://evil.example\",\"open\")|surname must start with a letter or an apostrophe, not '='",
            "surname|+31612345678|surname must start with a letter or an apostrophe, not '+'",
            "surname|-Berg|surname must start with a letter or an apostrophe, not '-'",
            "surname|@Berg|surname must start with a letter or an apostrophe, not '@'",
            "surname|Berg=1+1|surname may hold only letters, spaces, apostrophes, hyphens and dots, not '='",
            "surname|Berg 2|surname may hold only letters, spaces, apostrophes, hyphens and dots, not '2'",
            "surname_prefix|=van|surname_prefix must start with a letter or an apostrophe, not '='",
            "initials|=A|initials must start with a letter, not '='",
            "initials|J'A|initials may hold only letters, dots, hyphens and spaces, not an apostrophe",
            "street|=1+1|street must start with a letter, a digit or an apostrophe, not '='",
            "street|-Kerkstraat|street must start with a letter, a digit or an apostrophe, not '-'",
            "street|Kerkstraat;=cmd|street may hold only letters, digits, spaces and ' \" - . , / ( ) & # °, not ';'",
            "city|@SUM(1+1)|city must start with a letter, a digit or an apostrophe, not '@'",
            "city|Amsterdam|"})
    void aValueThatCannotBeANameOrAddressLineIsRejectedNamingTheFieldAndWhy(String column, String value,
                                                                            String reason) throws Exception {
        if (reason == null) {
            assertThat(accepted(column, value)).isNotNull();
            return;
        }
        assertThat(rejected(column, value)).isEqualTo(new Rejection(2, "P-000001", reason));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=HYPERLINK(\"http://evil.example\",\"open\")|must start with a letter or a digit, not '='",
            "-1000|must start with a letter or a digit, not '-'",
            "@1000|must start with a letter or a digit, not '@'",
            "1000;=1+1|may hold only letters A-Z, digits, spaces and hyphens, not ';'",
            "n/a|may hold only letters A-Z, digits, spaces and hyphens, not '/'",
            "1234567890123|is longer than 12 characters"})
    void aForeignPostcodeIsLettersDigitsSpacesAndHyphensOnly(String postcode, String why) throws Exception {
        assertThat(rejected("country", "BE", "postcode", postcode, "city", "Bruxelles"))
                .isEqualTo(new Rejection(2, "P-000001", "postcode of an address outside NL " + why));
    }

    @Test
    void aNewAddressFromThePopulationRegisterFollowsTheSameRules() throws Exception {
        String header = "bsn,street,house_number,house_letter,house_number_suffix,postcode,city,country,deceased_date";

        Csv.Result<AddressUpdateRow> result = Csv.addressUpdates(lines(header,
                "111222333,=1+1,100,,,1015 AA,Amsterdam,,",
                "111222333,Singel,100,,,\"=HYPERLINK(\"\"http://evil.example\"\")\",Bruxelles,BE,",
                "111222333,1e Exloërmond,1,,,7881 AA,'s-Gravenhage,,"));

        assertThat(result.rejected()).containsExactly(
                new Rejection(2, "******333", "street must start with a letter, a digit or an apostrophe, not '='"),
                new Rejection(3, "******333", "postcode of an address outside NL must start with a letter or a digit,"
                        + " not '='"));
        assertThat(result.accepted()).singleElement().satisfies(row -> {
            assertThat(row.address().street()).isEqualTo("1e Exloërmond");
            assertThat(row.address().city()).isEqualTo("'s-Gravenhage");
        });
    }
}
