package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.intake.Csv.PARTICIPANT_HEADER;
import static org.breachnotify.intake.Csv.lines;
import static org.breachnotify.intake.Csv.participant;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fields of participants.csv that are each valid but contradict each other (issue 9): the row is rejected with a
 * reason naming the columns, never the dates or the BSN, and the rows around it are read as usual. Today is
 * 2025-09-15 (Csv's clock).
 */
class ParticipantContradictionsTest {

    /** Three rows: valid, the one under test, valid. */
    private static Csv.Result<ParticipantRow> between(String... columnValuePairs) throws Exception {
        List<String> middle = new ArrayList<>(List.of("participant_id", "P-2", "bsn", TestBsn.valid(2)));
        middle.addAll(List.of(columnValuePairs));
        return Csv.participants(lines(PARTICIPANT_HEADER,
                participant("participant_id", "P-1", "bsn", TestBsn.valid(1)),
                participant(middle.toArray(String[]::new)),
                participant("participant_id", "P-3", "bsn", TestBsn.valid(3))));
    }

    private static String rejected(String... columnValuePairs) throws Exception {
        Csv.Result<ParticipantRow> result = between(columnValuePairs);
        assertThat(result.accepted()).extracting(ParticipantRow::participantId).containsExactly("P-1", "P-3");
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.key()).isEqualTo("P-2");
        });
        String reason = result.rejected().get(0).reason();
        assertThat(reason).doesNotContain(TestBsn.valid(2));
        for (int i = 0; i < columnValuePairs.length; i += 2) {
            if (columnValuePairs[i].endsWith("_date")) {
                assertThat(reason).doesNotContain(columnValuePairs[i + 1]);
            }
        }
        return reason;
    }

    private static ParticipantRow accepted(String... columnValuePairs) throws Exception {
        Csv.Result<ParticipantRow> result = between(columnValuePairs);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.accepted()).extracting(ParticipantRow::participantId).containsExactly("P-1", "P-2", "P-3");
        return result.accepted().get(1);
    }

    // --- deceased_date against birth_date and today

    @Test
    void a_death_before_the_birth_is_rejected() throws Exception {
        assertThat(rejected("birth_date", "1968-04-12", "deceased_date", "1968-04-11"))
                .isEqualTo("deceased_date is before birth_date");
    }

    @Test
    void a_death_decades_before_the_birth_is_rejected() throws Exception {
        assertThat(rejected("birth_date", "1968-04-12", "deceased_date", "1901-01-01"))
                .isEqualTo("deceased_date is before birth_date");
    }

    @ParameterizedTest
    @CsvSource({"1968-04-12, 1968-04-12", "1968-04-12, 1968-04-13", "1968-04-12, 2025-09-15", "2025-09-15, 2025-09-15"})
    void a_death_on_or_after_the_birth_and_not_after_today_is_accepted(String birth, String death) throws Exception {
        assertThat(accepted("birth_date", birth, "deceased_date", death).deceasedDate())
                .isEqualTo(LocalDate.parse(death));
    }

    @Test
    void a_death_in_the_future_is_rejected() throws Exception {
        assertThat(rejected("deceased_date", "2025-09-16")).isEqualTo("deceased_date is in the future");
    }

    @Test
    void a_birth_in_the_future_is_rejected_and_not_also_compared_with_the_death() throws Exception {
        assertThat(rejected("birth_date", "2030-01-01", "deceased_date", "2024-01-01"))
                .isEqualTo("birth_date is in the future");
    }

    @Test
    void a_birth_and_death_both_in_the_future_are_both_named() throws Exception {
        assertThat(rejected("birth_date", "2030-01-01", "deceased_date", "2031-01-01"))
                .isEqualTo("birth_date is in the future; deceased_date is in the future");
    }

    // --- gp_smear_before_2017 against birth_date

    @Test
    void a_smear_before_2017_for_someone_born_in_2017_is_rejected() throws Exception {
        assertThat(rejected("birth_date", "2017-01-01", "gp_smear_before_2017", "ja"))
                .isEqualTo("gp_smear_before_2017 is true but birth_date is not before 2017");
    }

    @ParameterizedTest
    @CsvSource({"2016-12-31, true", "2017-01-01, false", "2020-06-01, nee", "1950-01-01, 1"})
    void a_smear_flag_that_fits_the_birth_date_is_accepted(String birth, String smear) throws Exception {
        assertThat(accepted("birth_date", birth, "gp_smear_before_2017", smear).birthDate())
                .isEqualTo(LocalDate.parse(birth));
    }

    @Test
    void every_contradiction_of_a_row_is_named() throws Exception {
        assertThat(rejected("birth_date", "2018-03-01", "deceased_date", "2018-02-01", "gp_smear_before_2017", "true"))
                .isEqualTo("deceased_date is before birth_date; gp_smear_before_2017 is true but birth_date is not"
                        + " before 2017");
    }

    // --- the address

    @Test
    void a_house_letter_or_addition_without_a_house_number_is_rejected() throws Exception {
        assertThat(rejected("house_number", "", "house_letter", "A", "house_number_suffix", "2"))
                .isEqualTo("house_number is missing");
    }

    @Test
    void a_foreign_address_may_have_any_postcode_or_none() throws Exception {
        assertThat(accepted("country", "BE", "postcode", "B-1000").address().postcode()).isEqualTo("B-1000");
        assertThat(accepted("country", "IE", "postcode", "").address().postcode()).isNull();
    }
}
