package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.breachnotify.intake.Csv.lines;

import java.time.LocalDate;

import org.breachnotify.printhouse.DispatchRow;
import org.breachnotify.printhouse.DispatchStatus;
import org.breachnotify.register.Address;
import org.breachnotify.returnmail.AddressUpdateRow;
import org.breachnotify.returnmail.ReturnMailRow;
import org.breachnotify.returnmail.ReturnReason;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-column rules of leaked-records.csv, dispatch-confirmation.csv, return-mail.csv and address-updates.csv. */
class OtherFormatsTest {

    @Nested
    class LeakedRecords {
        private static final String HEADER = "dataset,lab_record_id,bsn,surname,birth_date,postcode";

        @Test
        void a_full_record_is_delivered() throws Exception {
            LeakedRecordRow row = Csv.leaked(lines(HEADER, "2,CD2-7,123456782,Đorđević,1975-11-02,3511ax")).only();

            assertThat(row).usingRecursiveComparison().isEqualTo(new LeakedRecordRow(2, 2, "CD2-7", "123456782",
                    "Đorđević", LocalDate.of(1975, 11, 2), "3511 AX"));
        }

        @Test
        void only_dataset_and_lab_record_id_are_needed() throws Exception {
            LeakedRecordRow row = Csv.leaked(lines("LAB_RECORD_ID,Dataset", "CD1-1,1")).only();

            assertThat(row).usingRecursiveComparison()
                    .isEqualTo(new LeakedRecordRow(2, 1, "CD1-1", null, null, null, null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"3", "0", "one", "1.0"})
        void dataset_other_than_1_or_2_is_rejected(String dataset) throws Exception {
            assertThat(Csv.leaked(lines(HEADER, dataset + ",CD-1,,,,")).onlyRejection())
                    .isEqualTo(new Rejection(2, "CD-1", "dataset must be 1 or 2"));
        }

        @Test
        void missing_lab_record_id_is_rejected_without_key() throws Exception {
            assertThat(Csv.leaked(lines(HEADER, "1,,,,,")).onlyRejection())
                    .isEqualTo(new Rejection(2, null, "lab_record_id is missing"));
        }

        @Test
        void bsn_failing_the_elfproef_rejects_the_record() throws Exception {
            assertThat(Csv.leaked(lines(HEADER, "1,CD-1,123456789,,,")).onlyRejection())
                    .isEqualTo(new Rejection(2, "CD-1", "BSN fails the elfproef"));
        }

        @Test
        void bsn_of_8_digits_rejects_the_record() throws Exception {
            assertThat(Csv.leaked(lines(HEADER, "1,CD-1,12345678,,,")).onlyRejection()).isEqualTo(new Rejection(2,
                    "CD-1", "BSN has 8 digits instead of 9 (was a leading zero lost in a spreadsheet?)"));
        }

        @Test
        void impossible_birth_date_rejects_the_record() throws Exception {
            assertThat(Csv.leaked(lines(HEADER, "1,CD-1,,,2023-02-30,")).onlyRejection())
                    .isEqualTo(new Rejection(2, "CD-1", "birth_date is not a real date in the form YYYY-MM-DD"));
        }

        @Test
        void a_postcode_that_is_not_dutch_is_kept_as_given() throws Exception {
            assertThat(Csv.leaked(lines(HEADER, "1,CD-1,,,,B-1000")).only().postcode()).isEqualTo("B-1000");
        }

        @Test
        void missing_dataset_column_refuses_the_file() {
            assertThatThrownBy(() -> Csv.leaked(lines("lab_record_id,bsn", "CD-1,")))
                    .isInstanceOf(FileRefusedException.class)
                    .hasMessage("leaked-records.csv: required column 'dataset' is missing from the header");
        }

        @Test
        void row_to_string_shows_no_personal_data() throws Exception {
            assertThat(Csv.leaked(lines(HEADER, "2,CD2-7,123456782,Jansen,1975-11-02,")).only().toString())
                    .isEqualTo("LeakedRecordRow[line=2, dataset=2, labRecordId=CD2-7, bsn=******782]");
        }
    }

    @Nested
    class DispatchConfirmations {
        private static final String HEADER = "letter_id,status,date,reason";

        @Test
        void posted_and_failed_are_read_case_insensitively() throws Exception {
            var result = Csv.dispatch(lines(HEADER, "L-1,posted,2025-09-12,", "L-2,Failed,2025-09-13,misprint"));

            assertThat(result.accepted()).containsExactly(
                    new DispatchRow(2, "L-1", DispatchStatus.POSTED, LocalDate.of(2025, 9, 12), null),
                    new DispatchRow(3, "L-2", DispatchStatus.FAILED, LocalDate.of(2025, 9, 13), "misprint"));
        }

        @Test
        void other_status_is_rejected() throws Exception {
            assertThat(Csv.dispatch(lines(HEADER, "L-1,SENT,2025-09-12,")).onlyRejection())
                    .isEqualTo(new Rejection(2, "L-1", "status must be POSTED or FAILED"));
        }

        @Test
        void missing_or_impossible_date_is_rejected() throws Exception {
            var result = Csv.dispatch(lines(HEADER, "L-1,POSTED,,", "L-2,POSTED,2025-02-30,"));

            assertThat(result.rejected()).containsExactly(new Rejection(2, "L-1", "date is missing"),
                    new Rejection(3, "L-2", "date is not a real date in the form YYYY-MM-DD"));
        }

        @Test
        void missing_letter_id_is_rejected() throws Exception {
            assertThat(Csv.dispatch(lines(HEADER, ",POSTED,2025-09-12,")).onlyRejection())
                    .isEqualTo(new Rejection(2, null, "letter_id is missing"));
        }

        @Test
        void reason_column_may_be_absent() throws Exception {
            assertThat(Csv.dispatch(lines("date,status,letter_id", "2025-09-12,POSTED,L-1")).only())
                    .isEqualTo(new DispatchRow(2, "L-1", DispatchStatus.POSTED, LocalDate.of(2025, 9, 12), null));
        }

        @Test
        void missing_status_column_refuses_the_file() {
            assertThatThrownBy(() -> Csv.dispatch(lines("letter_id,date", "L-1,2025-09-12")))
                    .isInstanceOf(FileRefusedException.class)
                    .hasMessage("dispatch-confirmation.csv: required column 'status' is missing from the header");
        }
    }

    @Nested
    class ReturnMail {
        private static final String HEADER = "letter_id,reason,date";

        @ParameterizedTest
        @EnumSource(ReturnReason.class)
        void every_reason_is_read_case_insensitively(ReturnReason reason) throws Exception {
            assertThat(Csv.returnMail(lines(HEADER, "L-1," + reason.name().toLowerCase() + ",2025-09-20")).only())
                    .isEqualTo(new ReturnMailRow(2, "L-1", reason, LocalDate.of(2025, 9, 20)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"address unknown", "GONE", "verhuisd"})
        void other_reasons_are_rejected(String reason) throws Exception {
            assertThat(Csv.returnMail(lines(HEADER, "L-1," + reason + ",2025-09-20")).onlyRejection())
                    .isEqualTo(new Rejection(2, "L-1", "reason must be one of MOVED, ADDRESS_UNKNOWN,"
                            + " ADDRESS_INCOMPLETE, ILLEGIBLE, MAILBOX_UNAVAILABLE, REFUSED, DECEASED, OTHER"));
        }

        @Test
        void missing_date_is_rejected() throws Exception {
            assertThat(Csv.returnMail(lines(HEADER, "L-1,MOVED,")).onlyRejection())
                    .isEqualTo(new Rejection(2, "L-1", "date is missing"));
        }

        @Test
        void missing_reason_column_refuses_the_file() {
            assertThatThrownBy(() -> Csv.returnMail(lines("letter_id,date", "L-1,2025-09-20")))
                    .isInstanceOf(FileRefusedException.class)
                    .hasMessage("return-mail.csv: required column 'reason' is missing from the header");
        }
    }

    @Nested
    class AddressUpdates {
        private static final String HEADER = "bsn,street,house_number,house_letter,house_number_suffix,postcode,city,"
                + "country,deceased_date";

        @Test
        void a_new_address_is_delivered() throws Exception {
            assertThat(Csv.addressUpdates(lines(HEADER, "111222333,Singel,100,b,,1015aa,Amsterdam,,")).only())
                    .isEqualTo(new AddressUpdateRow(2, "111222333",
                            new Address("Singel", 100, "b", null, "1015 AA", "Amsterdam", "NL"), null));
        }

        @Test
        void a_row_with_only_a_deceased_date_has_no_address_even_when_country_is_filled() throws Exception {
            assertThat(Csv.addressUpdates(lines(HEADER, "111222333,,,,,,,NL,2025-08-01")).only())
                    .isEqualTo(new AddressUpdateRow(2, "111222333", null, LocalDate.of(2025, 8, 1)));
        }

        @Test
        void a_deaths_only_extract_needs_no_address_columns() throws Exception {
            assertThat(Csv.addressUpdates(lines("bsn,deceased_date", "111222333,2025-08-01")).only())
                    .isEqualTo(new AddressUpdateRow(2, "111222333", null, LocalDate.of(2025, 8, 1)));
        }

        @Test
        void a_row_with_neither_address_nor_deceased_date_is_rejected_keyed_by_masked_bsn() throws Exception {
            assertThat(Csv.addressUpdates(lines(HEADER, "111222333,,,,,,,NL,")).onlyRejection())
                    .isEqualTo(new Rejection(2, "******333", "row has neither an address nor a deceased_date"));
        }

        @Test
        void a_partial_address_is_rejected_naming_what_is_missing() throws Exception {
            assertThat(Csv.addressUpdates(lines(HEADER, "111222333,Singel,,,,,,,")).onlyRejection())
                    .isEqualTo(new Rejection(2, "******333", "house_number is missing; postcode is missing (required"
                            + " for an address in NL); city is missing"));
        }

        @Test
        void bsn_failing_the_elfproef_is_rejected() throws Exception {
            assertThat(Csv.addressUpdates(lines(HEADER, "123456789,,,,,,,,2025-08-01")).onlyRejection())
                    .isEqualTo(new Rejection(2, "******789", "BSN fails the elfproef"));
        }

        @Test
        void future_deceased_date_is_rejected() throws Exception {
            assertThat(Csv.addressUpdates(lines(HEADER, "111222333,,,,,,,,2025-09-16")).onlyRejection())
                    .isEqualTo(new Rejection(2, "******333", "deceased_date is in the future"));
        }

        @Test
        void missing_bsn_column_refuses_the_file() {
            assertThatThrownBy(() -> Csv.addressUpdates(lines("street,house_number", "Singel,100")))
                    .isInstanceOf(FileRefusedException.class)
                    .hasMessage("address-updates.csv: required column 'bsn' is missing from the header");
        }
    }
}
