package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.breachnotify.intake.Csv.PARTICIPANT_HEADER;
import static org.breachnotify.intake.Csv.lines;
import static org.breachnotify.intake.Csv.participant;
import static org.breachnotify.intake.Csv.participants;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.breachnotify.register.Address;
import org.junit.jupiter.api.Test;

/** FORMATS.md "General rules for every CSV", exercised through participants.csv. */
class GeneralCsvRulesTest {

    private static final Address KERKSTRAAT = new Address("Kerkstraat", 12, null, null, "1012 AB", "Amsterdam", "NL");

    @Test
    void a_valid_row_is_delivered_with_every_value() throws Exception {
        ParticipantRow row = participants(lines(PARTICIPANT_HEADER, participant())).only();

        assertThat(row).usingRecursiveComparison().isEqualTo(new ParticipantRow(2, "P-000001", "111222333", "J.A.",
                "van der", "Berg", LocalDate.of(1968, 4, 12), KERKSTRAAT, "nl", null, false, null));
    }

    @Test
    void a_leading_byte_order_mark_is_skipped() throws Exception {
        var result = participants("\uFEFF" + lines(PARTICIPANT_HEADER, participant()));

        assertThat(result.only().participantId()).isEqualTo("P-000001");
    }

    @Test
    void crlf_line_ends_are_read_and_line_numbers_stay_physical() throws Exception {
        String text = PARTICIPANT_HEADER + "\r\n" + participant() + "\r\n\r\n" + participant("participant_id", "P-2")
                + "\r\n";

        var result = participants(text);

        assertThat(result.accepted()).extracting(ParticipantRow::line, ParticipantRow::participantId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "P-000001"),
                        org.assertj.core.groups.Tuple.tuple(4L, "P-2"));
        assertThat(result.accepted().get(1).address().city()).isEqualTo("Amsterdam");
    }

    @Test
    void columns_are_found_by_name_in_any_order() throws Exception {
        String text = lines("city,postcode,house_number,street,birth_date,surname,bsn,participant_id",
                "Utrecht,3511AX,7,Dorpsweg,1975-11-02,Jansen,123456782,P-2");

        ParticipantRow row = participants(text).only();

        assertThat(row.participantId()).isEqualTo("P-2");
        assertThat(row.bsn()).isEqualTo("123456782");
        assertThat(row.surname()).isEqualTo("Jansen");
        assertThat(row.address()).isEqualTo(new Address("Dorpsweg", 7, null, null, "3511 AX", "Utrecht", "NL"));
        assertThat(row.language()).isEqualTo("nl");
        assertThat(row.gpSmearBefore2017()).isFalse();
    }

    @Test
    void header_names_are_case_insensitive_and_trimmed() throws Exception {
        String text = lines(PARTICIPANT_HEADER.toUpperCase().replace("SURNAME,", " Surname ,"), participant());

        assertThat(participants(text).only().surname()).isEqualTo("Berg");
    }

    @Test
    void unknown_columns_are_ignored() throws Exception {
        String text = lines("remark," + PARTICIPANT_HEADER + ",source", "ignore me," + participant() + ",extract 7");

        assertThat(participants(text).only().participantId()).isEqualTo("P-000001");
    }

    @Test
    void blank_lines_are_skipped_but_still_count_for_line_numbers() throws Exception {
        String text = "\n" + PARTICIPANT_HEADER + "\n\n   \n" + participant() + "\n\n"
                + participant("participant_id", "P-2", "bsn", "123456789") + "\n\n";

        var result = participants(text);

        assertThat(result.counts()).isEqualTo(new ReadCounts(2, 1, 1));
        assertThat(result.accepted().get(0).line()).isEqualTo(5);
        assertThat(result.rejected()).containsExactly(new Rejection(7, "P-2", "BSN fails the elfproef"));
    }

    @Test
    void a_line_of_only_separators_counts_as_blank() throws Exception {
        String text = lines(PARTICIPANT_HEADER, ",,,,,,,,,,,,,,,,", participant());

        var result = participants(text);

        assertThat(result.counts()).isEqualTo(new ReadCounts(1, 1, 0));
        assertThat(result.only().line()).isEqualTo(3);
    }

    @Test
    void fields_are_trimmed_including_no_break_spaces_and_inside_quotes() throws Exception {
        String text = lines(PARTICIPANT_HEADER, participant("participant_id", "  P-000001 ", "surname", "\" Berg \"",
                "street", "\u00A0Kerkstraat\t", "house_number", " 12 ", "postcode", " 1012 ab "));

        ParticipantRow row = participants(text.replace("\"\"\" Berg \"\"\"", "\" Berg \"")).only();

        assertThat(row.participantId()).isEqualTo("P-000001");
        assertThat(row.surname()).isEqualTo("Berg");
        assertThat(row.address()).isEqualTo(KERKSTRAAT);
    }

    @Test
    void an_empty_optional_field_is_absent() throws Exception {
        ParticipantRow row = participants(lines(PARTICIPANT_HEADER,
                participant("initials", "  ", "surname_prefix", "", "email", " "))).only();

        assertThat(row.initials()).isNull();
        assertThat(row.surnamePrefix()).isNull();
        assertThat(row.email()).isNull();
    }

    @Test
    void a_quoted_field_may_contain_a_comma() throws Exception {
        String text = lines(PARTICIPANT_HEADER, participant("street", "Laan van Meerdervoort, achterom"),
                participant("participant_id", "P-2"));

        var result = participants(text);

        assertThat(result.accepted()).extracting(r -> r.address().street())
                .containsExactly("Laan van Meerdervoort, achterom", "Kerkstraat");
        assertThat(result.accepted()).extracting(ParticipantRow::line).containsExactly(2L, 3L);
    }

    @Test
    void a_quoted_newline_in_an_unknown_column_is_fine_and_later_line_numbers_stay_right() throws Exception {
        String text = lines("remark," + PARTICIPANT_HEADER,
                "\"first line\nsecond line\r\nthird line\"," + participant(),
                "," + participant("participant_id", "P-2", "bsn", "12345678"));

        var result = participants(text);

        assertThat(result.accepted()).extracting(ParticipantRow::line).containsExactly(2L);
        assertThat(result.rejected()).containsExactly(new Rejection(5, "P-2",
                "BSN has 8 digits instead of 9 (was a leading zero lost in a spreadsheet?)"));
    }

    @Test
    void a_line_break_inside_a_value_we_use_rejects_the_row_at_its_first_line() throws Exception {
        String text = lines(PARTICIPANT_HEADER, participant("street", "Kerkstraat\nachter"),
                participant("participant_id", "P-2", "house_number", "x"));

        var result = participants(text);

        assertThat(result.rejected()).containsExactly(
                new Rejection(2, "P-000001", "street contains a line break or another control character"),
                new Rejection(4, "P-2", "house_number is not a whole number (a letter or addition belongs in"
                        + " house_letter or house_number_suffix)"));
    }

    @Test
    void a_missing_required_column_refuses_the_file_and_nothing_reaches_the_sink() throws Exception {
        String header = PARTICIPANT_HEADER.replace("bsn,", "");
        String row = participant().replace("111222333,", "");
        Csv.Collector<ParticipantRow> sink = new Csv.Collector<>();

        assertThatThrownBy(() -> CsvReaders.readParticipants("participants.csv", Csv.utf8(lines(header, row)), sink,
                Csv.CLOCK))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("participants.csv: required column 'bsn' is missing from the header");
        assertThat(sink.accepted).isEmpty();
        assertThat(sink.rejected).isEmpty();
    }

    @Test
    void several_missing_columns_are_all_named() {
        assertThatThrownBy(() -> participants(lines("participant_id,street,house_number,postcode,city")))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("participants.csv: required columns 'bsn', 'surname', 'birth_date' are missing from"
                        + " the header");
    }

    @Test
    void a_required_column_given_twice_refuses_the_file() {
        assertThatThrownBy(() -> participants(lines(PARTICIPANT_HEADER + ",BSN")))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("participants.csv: column 'bsn' appears more than once in the header");
    }

    @Test
    void an_empty_file_is_refused() {
        assertThatThrownBy(() -> participants("\n\n"))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("participants.csv: the file is empty: no header row");
    }

    @Test
    void a_header_without_rows_reads_nothing() throws Exception {
        assertThat(participants(PARTICIPANT_HEADER).counts()).isEqualTo(new ReadCounts(0, 0, 0));
    }

    @Test
    void the_last_row_needs_no_line_end() throws Exception {
        assertThat(participants(PARTICIPANT_HEADER + "\n" + participant()).only().line()).isEqualTo(2);
    }

    @Test
    void a_row_with_too_few_or_too_many_values_is_rejected_without_a_key() throws Exception {
        String text = lines(PARTICIPANT_HEADER, participant() + ",extra", participant().replaceFirst(",", ""),
                participant("participant_id", "P-3"));

        var result = participants(text);

        assertThat(result.rejected()).containsExactly(
                new Rejection(2, null, "line has 18 values but the header has 17 columns (a value containing a"
                        + " comma must be in double quotes)"),
                new Rejection(3, null, "line has 16 values but the header has 17 columns (a value containing a"
                        + " comma must be in double quotes)"));
        assertThat(result.accepted()).extracting(ParticipantRow::participantId).containsExactly("P-3");
        assertThat(result.counts()).isEqualTo(new ReadCounts(3, 1, 2));
    }

    @Test
    void several_problems_in_one_row_are_reported_together() throws Exception {
        var result = participants(lines(PARTICIPANT_HEADER,
                participant("surname", "", "house_number", "0", "language", "de")));

        assertThat(result.onlyRejection()).isEqualTo(new Rejection(2, "P-000001",
                "surname is missing; house_number must be between 1 and 99999; language must be nl or en"));
    }

    @Test
    void bytes_that_are_not_utf8_reject_the_row() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(lines(PARTICIPANT_HEADER).getBytes(StandardCharsets.UTF_8));
        // "Müller" saved as Windows-1252: the lone 0xFC byte is not UTF-8.
        bytes.writeBytes(participant("surname", "M\u00FCller").getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(("\n" + participant("participant_id", "P-2", "surname", "M\u00FCller") + "\n")
                .getBytes(StandardCharsets.UTF_8));

        var result = participants(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(result.rejected()).containsExactly(new Rejection(2, "P-000001",
                "line contains bytes that are not valid UTF-8 (save the file as UTF-8)"));
        assertThat(result.accepted()).extracting(ParticipantRow::surname).containsExactly("M\u00FCller");
    }

    @Test
    void text_after_a_closing_quote_refuses_the_file_naming_the_line() {
        String text = lines(PARTICIPANT_HEADER, participant(), participant().replace("Berg", "\"Berg\"x"));

        assertThatThrownBy(() -> participants(text))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("participants.csv: line 3: text follows a closing double quote (a double quote inside a"
                        + " quoted value must be written twice: \"\")");
    }

    @Test
    void an_unclosed_quote_refuses_the_file_naming_the_line() {
        String text = lines(PARTICIPANT_HEADER, participant(), participant().replace("Berg", "\"Berg"),
                participant());

        assertThatThrownBy(() -> participants(text))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("participants.csv: line 3: a double quote opened in the row starting on this line is"
                        + " never closed, so the rest of the file cannot be split into rows");
    }

    @Test
    void an_unclosed_quote_is_named_at_the_line_where_its_row_starts_even_after_quoted_line_breaks() {
        String text = lines(PARTICIPANT_HEADER, participant("street", "Kerkstraat\nachter"),
                participant("participant_id", "P-2"), participant().replace("Berg", "\"Berg"), participant(),
                participant());

        assertThatThrownBy(() -> participants(text))
                .isInstanceOf(FileRefusedException.class)
                .hasMessageStartingWith("participants.csv: line 5: a double quote opened in the row starting on"
                        + " this line is never closed");
    }

    @Test
    void an_unclosed_quote_in_a_huge_file_stops_before_it_fills_memory() {
        StringBuilder text = new StringBuilder(lines(PARTICIPANT_HEADER, participant().replace("Berg", "\"Berg")));
        String filler = participant() + "\n";
        while (text.length() < CsvEngine.MAX_RECORD_CHARS + 100_000) {
            text.append(filler);
        }

        assertThatThrownBy(() -> participants(text.toString()))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("participants.csv: line 2: a double quote opened in the row starting on this line is"
                        + " not closed within 1000000 characters, so the rest of the file cannot be split into rows");
    }

    @Test
    void a_quote_inside_an_unquoted_value_is_kept_as_text() throws Exception {
        assertThat(participants(lines(PARTICIPANT_HEADER, participant("street", "De \"Hoek\"")
                .replace("\"De \"\"Hoek\"\"\"", "De \"Hoek\""))).only().address().street()).isEqualTo("De \"Hoek\"");
    }

    private static final String SAVE_AS = "save it in Excel with 'Save As' and 'CSV UTF-8 (comma delimited) (*.csv)'";

    @Test
    void utf16_and_utf32_files_are_refused_naming_the_encoding_with_or_without_byte_order_mark() {
        String text = lines(PARTICIPANT_HEADER, participant());
        record Case(String bom, java.nio.charset.Charset charset, String named) {
        }
        for (Case c : java.util.List.of(new Case("\uFEFF", StandardCharsets.UTF_16LE, "UTF-16"),
                new Case("\uFEFF", StandardCharsets.UTF_16BE, "UTF-16"),
                new Case("", StandardCharsets.UTF_16LE, "UTF-16"),
                new Case("", StandardCharsets.UTF_16BE, "UTF-16"),
                new Case("\uFEFF", java.nio.charset.Charset.forName("UTF-32LE"), "UTF-32"),
                new Case("\uFEFF", java.nio.charset.Charset.forName("UTF-32BE"), "UTF-32"))) {
            Csv.Collector<ParticipantRow> sink = new Csv.Collector<>();
            byte[] bytes = (c.bom() + text).getBytes(c.charset());

            assertThatThrownBy(() -> CsvReaders.readParticipants("participants.csv", new ByteArrayInputStream(bytes),
                    sink, Csv.CLOCK))
                    .as(c.charset() + (c.bom().isEmpty() ? " without BOM" : " with BOM"))
                    .isInstanceOf(FileRefusedException.class)
                    .hasMessage("participants.csv: the file is saved as " + c.named() + " (Excel's 'Unicode Text'),"
                            + " not as UTF-8; nothing was imported; " + SAVE_AS);
            assertThat(sink.accepted).isEmpty();
        }
    }

    @Test
    void a_header_separated_by_semicolons_or_tabs_is_refused_naming_the_separator() {
        assertThatThrownBy(() -> participants(lines(PARTICIPANT_HEADER.replace(',', ';'),
                participant().replace(',', ';'))))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("participants.csv: the columns are separated by ';' instead of ',' (Excel does this for"
                        + " 'CSV' on a computer with Dutch settings); nothing was imported; " + SAVE_AS);
        assertThatThrownBy(() -> participants(lines(PARTICIPANT_HEADER.replace(',', '\t'))))
                .isInstanceOf(FileRefusedException.class)
                .hasMessageStartingWith("participants.csv: the columns are separated by tabs instead of ','");
        // One column glued on by a stray semicolon is still named as that.
        assertThatThrownBy(() -> participants(lines(PARTICIPANT_HEADER.replace("city,", "city;"))))
                .isInstanceOf(FileRefusedException.class)
                .hasMessageStartingWith("participants.csv: the columns are separated by ';' instead of ','");
    }

    @Test
    void a_header_missing_columns_without_another_separator_still_names_the_columns() {
        assertThatThrownBy(() -> participants(lines(PARTICIPANT_HEADER.replace("city,", "town;x,"))))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("participants.csv: required column 'city' is missing from the header");
    }

    @Test
    void an_over_long_line_rejects_only_its_row_and_the_rest_is_read() throws Exception {
        String longStreet = "x".repeat(CsvEngine.MAX_LINE_CHARS);
        String text = lines(PARTICIPANT_HEADER, participant(), participant("participant_id", "P-2", "street",
                longStreet), participant("participant_id", "P-3"))
                + participant("participant_id", "P-4", "street", "\"" + longStreet);

        var result = participants(text);

        String reason = "line is longer than 100000 characters, far more than a row of this file can need; the row"
                + " was not read";
        assertThat(result.rejected()).containsExactly(new Rejection(3, null, reason), new Rejection(5, null, reason));
        assertThat(result.accepted()).extracting(ParticipantRow::participantId, ParticipantRow::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("P-000001", 2L),
                        org.assertj.core.groups.Tuple.tuple("P-3", 4L));
        assertThat(result.counts()).isEqualTo(new ReadCounts(4, 2, 2));
    }

    @Test
    void an_over_long_line_with_an_open_quote_does_not_swallow_the_rows_after_it() throws Exception {
        String text = lines(PARTICIPANT_HEADER,
                participant().replace("Kerkstraat", "\"" + "x".repeat(CsvEngine.MAX_LINE_CHARS)),
                participant("participant_id", "P-2"), participant("participant_id", "P-3"));

        var result = participants(text);

        assertThat(result.rejected()).extracting(Rejection::line).containsExactly(2L);
        assertThat(result.accepted()).extracting(ParticipantRow::participantId).containsExactly("P-2", "P-3");
    }

    @Test
    void an_over_long_header_line_refuses_the_file() {
        assertThatThrownBy(() -> participants("\n" + PARTICIPANT_HEADER + ",x" + "y".repeat(CsvEngine.MAX_LINE_CHARS)))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("participants.csv: line 2: the header line is longer than 100000 characters; is this"
                        + " really a CSV file?");
    }

    @Test
    void a_line_of_exactly_the_limit_is_still_read() throws Exception {
        String row = participant() + ",";
        String text = lines("remark," + PARTICIPANT_HEADER, "y".repeat(CsvEngine.MAX_LINE_CHARS - row.length())
                + "," + participant());

        assertThat(text.split("\n")[1]).hasSize(CsvEngine.MAX_LINE_CHARS);
        assertThat(participants(text).only().participantId()).isEqualTo("P-000001");
    }

    @Test
    void a_second_header_with_other_columns_is_rejected_and_the_rows_after_it_are_read_by_it() throws Exception {
        String reordered = "city,postcode,house_number,street,birth_date,surname,bsn,participant_id";
        String text = lines(PARTICIPANT_HEADER, participant(), "\uFEFF" + reordered,
                "Utrecht,3511AX,7,Dorpsweg,1975-11-02,Jansen,123456782,P-2");

        var result = participants(text);

        assertThat(result.rejected()).containsExactly(new Rejection(3, null, "line is a second header row with other"
                + " columns (were two files joined together?); the rows after it are read by its columns"));
        assertThat(result.accepted()).extracting(ParticipantRow::participantId, r -> r.address().city())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("P-000001", "Amsterdam"),
                        org.assertj.core.groups.Tuple.tuple("P-2", "Utrecht"));
        assertThat(result.counts()).isEqualTo(new ReadCounts(3, 2, 1));
    }

    @Test
    void a_byte_order_mark_left_at_the_start_of_a_data_line_is_ignored() throws Exception {
        var result = participants(lines(PARTICIPANT_HEADER, participant(), "\uFEFF" + participant("participant_id",
                "P-2")));

        assertThat(result.accepted()).extracting(ParticipantRow::participantId).containsExactly("P-000001", "P-2");
    }

    @Test
    void a_separator_too_many_at_the_end_of_a_line_is_named_as_such() throws Exception {
        var result = participants(lines(PARTICIPANT_HEADER, participant() + ",,"));

        assertThat(result.onlyRejection()).isEqualTo(new Rejection(2, null, "line has 19 values but the header has"
                + " 17 columns (the extra values at the end are empty: is there a separator too many?)"));
    }

    @Test
    void carriage_return_only_line_ends_are_read_with_physical_line_numbers() throws Exception {
        String text = PARTICIPANT_HEADER + "\r" + participant() + "\r\r"
                + participant("participant_id", "P-2", "street", "Kerkstraat\rachter") + "\r"
                + participant("participant_id", "P-3") + "\r";

        var result = participants(text);

        assertThat(result.accepted()).extracting(ParticipantRow::participantId, ParticipantRow::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("P-000001", 2L),
                        org.assertj.core.groups.Tuple.tuple("P-3", 6L));
        assertThat(result.rejected()).extracting(Rejection::line, Rejection::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4L, "P-2"));
    }
}
