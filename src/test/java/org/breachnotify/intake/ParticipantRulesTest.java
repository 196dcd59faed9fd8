package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.intake.Csv.PARTICIPANT_HEADER;
import static org.breachnotify.intake.Csv.lines;
import static org.breachnotify.intake.Csv.participant;

import java.time.LocalDate;

import org.breachnotify.register.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-column rules of participants.csv (FORMATS.md), one outcome per rule. */
class ParticipantRulesTest {

    private static final String NOT_A_POSTCODE = "postcode is not a valid Dutch postcode (4 digits, the first not 0,"
            + " then 2 letters other than SA, SD or SS)";

    private static Csv.Result<ParticipantRow> read(String... columnValuePairs) throws Exception {
        return Csv.participants(lines(PARTICIPANT_HEADER, participant(columnValuePairs)));
    }

    private static ParticipantRow accepted(String... columnValuePairs) throws Exception {
        return read(columnValuePairs).only();
    }

    private static String rejected(String... columnValuePairs) throws Exception {
        Rejection rejection = read(columnValuePairs).onlyRejection();
        assertThat(rejection.line()).isEqualTo(2);
        return rejection.reason();
    }

    // --- participant_id

    @ParameterizedTest
    @ValueSource(strings = {"P-000001", "a", "ABCDEFGHIJ0123456789", "0-0"})
    void participant_id_of_1_to_20_letters_digits_and_hyphens_is_accepted(String id) throws Exception {
        assertThat(accepted("participant_id", id).participantId()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDEFGHIJ01234567890", "P_1", "P 1", "P.1", "Pé"})
    void participant_id_with_other_characters_or_too_long_is_rejected(String id) throws Exception {
        Rejection rejection = read("participant_id", id).onlyRejection();

        assertThat(rejection).isEqualTo(new Rejection(2, "******333",
                "participant_id must be 1 to 20 characters of A-Z, a-z, 0-9 and -"));
    }

    @Test
    void missing_participant_id_is_rejected_keyed_by_masked_bsn() throws Exception {
        assertThat(read("participant_id", "").onlyRejection())
                .isEqualTo(new Rejection(2, "******333", "participant_id is missing"));
    }

    // --- bsn

    @Test
    void bsn_failing_the_elfproef_is_rejected() throws Exception {
        assertThat(rejected("bsn", "123456789")).isEqualTo("BSN fails the elfproef");
    }

    @Test
    void bsn_of_8_digits_is_rejected_with_a_hint_about_the_lost_zero() throws Exception {
        assertThat(rejected("bsn", "12345678"))
                .isEqualTo("BSN has 8 digits instead of 9 (was a leading zero lost in a spreadsheet?)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567820", "12345678X", "123 456 782", "000000000"})
    void bsn_that_is_not_9_digits_or_all_zeros_is_rejected(String bsn) throws Exception {
        assertThat(rejected("bsn", bsn)).isEqualTo(bsn.equals("000000000")
                ? "BSN fails the elfproef" : "BSN must be exactly 9 digits");
    }

    @Test
    void bsn_with_a_leading_zero_is_kept_as_text() throws Exception {
        // 0*9 + 1*8 + 2*7 + 3*6 + 4*5 + 5*4 + 6*3 + 7*2 - 2 = 110 = 10 * 11
        assertThat(accepted("bsn", "012345672").bsn()).isEqualTo("012345672");
    }

    @Test
    void missing_bsn_is_rejected() throws Exception {
        assertThat(read("bsn", "").onlyRejection()).isEqualTo(new Rejection(2, "P-000001", "bsn is missing"));
    }

    // --- names

    @Test
    void unicode_names_are_kept_exactly() throws Exception {
        ParticipantRow row = accepted("initials", "Đ.Ö.", "surname_prefix", "'t", "surname",
                "Nguyễn-Öztürk Đorđević ĳsbrand O'Neill’s");

        assertThat(row.initials()).isEqualTo("Đ.Ö.");
        assertThat(row.surnamePrefix()).isEqualTo("'t");
        assertThat(row.surname()).isEqualTo("Nguyễn-Öztürk Đorđević ĳsbrand O'Neill’s");
    }

    @Test
    void decomposed_accents_are_stored_composed() throws Exception {
        String decomposed = "Mu\u0308ller"; // u + combining diaeresis, as macOS may write it
        assertThat(accepted("surname", decomposed).surname()).isEqualTo("M\u00FCller");
    }

    @Test
    void missing_surname_is_rejected() throws Exception {
        assertThat(rejected("surname", "")).isEqualTo("surname is missing");
    }

    // --- birth_date

    @Test
    void impossible_birth_date_is_rejected() throws Exception {
        assertThat(rejected("birth_date", "2023-02-30")).isEqualTo("birth_date is not a real date in the form YYYY-MM-DD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12-04-1968", "1968-4-12", "19680412", "1968/04/12", "1968-04-12T00:00"})
    void birth_date_in_another_form_is_rejected(String date) throws Exception {
        assertThat(rejected("birth_date", date)).isEqualTo("birth_date is not a real date in the form YYYY-MM-DD");
    }

    @Test
    void future_birth_date_is_rejected() throws Exception {
        assertThat(rejected("birth_date", "2025-09-16")).isEqualTo("birth_date is in the future");
    }

    @Test
    void birth_date_today_is_accepted() throws Exception {
        assertThat(accepted("birth_date", "2025-09-15").birthDate()).isEqualTo(LocalDate.of(2025, 9, 15));
    }

    @Test
    void birth_date_before_1900_is_rejected() throws Exception {
        assertThat(rejected("birth_date", "1899-12-31")).isEqualTo("birth_date is before 1900-01-01");
    }

    @Test
    void birth_date_on_1900_01_01_is_accepted() throws Exception {
        assertThat(accepted("birth_date", "1900-01-01").birthDate()).isEqualTo(LocalDate.of(1900, 1, 1));
    }

    @Test
    void leap_day_birth_date_is_accepted() throws Exception {
        assertThat(accepted("birth_date", "2000-02-29").birthDate()).isEqualTo(LocalDate.of(2000, 2, 29));
    }

    @Test
    void missing_birth_date_is_rejected() throws Exception {
        assertThat(rejected("birth_date", "")).isEqualTo("birth_date is missing");
    }

    // --- address

    @ParameterizedTest
    @ValueSource(strings = {"1234ab", "1234 AB", "1234  ab", "1234AB", " 1234 aB "})
    void dutch_postcode_spellings_are_stored_as_1234_AB(String postcode) throws Exception {
        assertThat(accepted("postcode", postcode).address().postcode()).isEqualTo("1234 AB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123 AB", "1234 SA", "1234 SD", "1234 SS", "1234 sa", "123 AB", "12345 AB", "1234 A",
            "1234-AB"})
    void invalid_dutch_postcodes_are_rejected(String postcode) throws Exception {
        assertThat(rejected("postcode", postcode)).isEqualTo(NOT_A_POSTCODE);
    }

    @Test
    void missing_postcode_for_nl_is_rejected() throws Exception {
        assertThat(rejected("postcode", "")).isEqualTo("postcode is missing (required for an address in NL)");
    }

    @Test
    void foreign_postcode_is_free_text_kept_as_given() throws Exception {
        ParticipantRow row = accepted("street", "Rue de la Loi", "house_number", "16", "postcode", "B-1000 bxl",
                "city", "Bruxelles", "country", "be");

        assertThat(row.address()).isEqualTo(new Address("Rue de la Loi", 16, null, null, "B-1000 bxl", "Bruxelles",
                "BE"));
        assertThat(row.address().isDomestic()).isFalse();
    }

    @Test
    void foreign_address_needs_no_postcode() throws Exception {
        assertThat(accepted("postcode", "", "country", "DE").address().postcode()).isNull();
    }

    @Test
    void foreign_postcode_that_would_be_invalid_in_nl_is_accepted() throws Exception {
        assertThat(accepted("postcode", "0123 SS", "country", "GB").address().postcode()).isEqualTo("0123 SS");
    }

    @Test
    void country_defaults_to_nl_and_is_upper_cased() throws Exception {
        assertThat(accepted("country", "").address().country()).isEqualTo("NL");
        assertThat(accepted("country", "nl").address().country()).isEqualTo("NL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Nederland", "NLD", "XX", "N"})
    void country_that_is_not_an_iso_code_is_rejected(String country) throws Exception {
        assertThat(rejected("country", country)).isEqualTo("country must be a two-letter ISO 3166-1 code such as NL"
                + " or BE");
    }

    @ParameterizedTest
    @CsvSource({"UK, the United Kingdom is GB", "uk, the United Kingdom is GB", "EL, Greece is GR",
            "SP, Spain is ES"})
    void a_code_people_mistake_for_iso_gets_a_hint(String country, String hint) throws Exception {
        assertThat(rejected("country", country)).isEqualTo("country must be a two-letter ISO 3166-1 code such as NL"
                + " or BE (" + country.toUpperCase(java.util.Locale.ROOT) + " is not one; " + hint + ")");
    }

    @Test
    void house_number_letter_and_suffix_are_kept() throws Exception {
        Address address = accepted("house_number", "007", "house_letter", "a", "house_number_suffix", "2bis")
                .address();

        assertThat(address.houseNumber()).isEqualTo(7);
        assertThat(address.houseLetter()).isEqualTo("a");
        assertThat(address.houseNumberSuffix()).isEqualTo("2bis");
        assertThat(address.kix()).contains("1012AB7XA2BIS");
    }

    @ParameterizedTest
    @CsvSource({"1,1", "99999,99999"})
    void house_number_at_the_bounds_is_accepted(String given, int expected) throws Exception {
        assertThat(accepted("house_number", given).address().houseNumber()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "100000", "00000", "99999999999999999999"})
    void house_number_out_of_range_is_rejected(String number) throws Exception {
        assertThat(rejected("house_number", number)).isEqualTo("house_number must be between 1 and 99999");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12a", "twaalf", "-5", "+5", "12.0", "1 2"})
    void non_numeric_house_number_is_rejected(String number) throws Exception {
        assertThat(rejected("house_number", number)).isEqualTo("house_number is not a whole number (a letter or"
                + " addition belongs in house_letter or house_number_suffix)");
    }

    @Test
    void missing_house_number_is_rejected() throws Exception {
        assertThat(rejected("house_number", "")).isEqualTo("house_number is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "1", "é", "-"})
    void house_letter_must_be_one_letter(String letter) throws Exception {
        assertThat(rejected("house_letter", letter)).isEqualTo("house_letter must be a single letter A-Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "-2", "a b", "III-"})
    void house_number_suffix_must_be_up_to_4_letters_or_digits(String suffix) throws Exception {
        assertThat(rejected("house_number_suffix", suffix))
                .isEqualTo("house_number_suffix must be 1 to 4 letters or digits");
    }

    @Test
    void missing_street_and_city_are_rejected() throws Exception {
        assertThat(rejected("street", "", "city", "")).isEqualTo("street is missing; city is missing");
    }

    // --- language, email

    @ParameterizedTest
    @CsvSource({"nl,nl", "NL,nl", "en,en", "En,en", "'',nl"})
    void language_is_nl_or_en_default_nl(String given, String expected) throws Exception {
        assertThat(accepted("language", given).language()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "dutch", "nl-NL"})
    void other_languages_are_rejected(String language) throws Exception {
        assertThat(rejected("language", language)).isEqualTo("language must be nl or en");
    }

    @Test
    void email_is_kept_as_given() throws Exception {
        assertThat(accepted("email", "m.jansen@example.org").email()).isEqualTo("m.jansen@example.org");
    }

    // --- gp_smear_before_2017

    @ParameterizedTest
    @CsvSource({"true,true", "1,true", "ja,true", "JA,true", "True,true", "nee,false", "0,false", "false,false",
            "FALSE,false", "'',false"})
    void gp_smear_flag_spellings(String given, boolean expected) throws Exception {
        assertThat(accepted("gp_smear_before_2017", given).gpSmearBefore2017()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "y", "2", "waar"})
    void other_gp_smear_values_are_rejected(String given) throws Exception {
        assertThat(rejected("gp_smear_before_2017", given))
                .isEqualTo("gp_smear_before_2017 must be true/false, 1/0 or ja/nee");
    }

    // --- deceased_date

    @Test
    void deceased_date_is_kept() throws Exception {
        assertThat(accepted("deceased_date", "2024-03-01").deceasedDate()).isEqualTo(LocalDate.of(2024, 3, 1));
    }

    @Test
    void future_deceased_date_is_rejected() throws Exception {
        assertThat(rejected("deceased_date", "2026-01-01")).isEqualTo("deceased_date is in the future");
    }

    @Test
    void impossible_deceased_date_is_rejected() throws Exception {
        assertThat(rejected("deceased_date", "2023-02-30"))
                .isEqualTo("deceased_date is not a real date in the form YYYY-MM-DD");
    }

    @Test
    void row_to_string_shows_no_personal_data() throws Exception {
        assertThat(accepted().toString()).isEqualTo("ParticipantRow[line=2, participantId=P-000001, bsn=******333]");
    }
}
