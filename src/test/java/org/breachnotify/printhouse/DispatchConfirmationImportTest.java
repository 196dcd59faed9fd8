package org.breachnotify.printhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.ImportResult;
import org.breachnotify.intake.Rejection;
import org.breachnotify.letter.LetterStatuses;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a dispatch-confirmation file does to letters, people and the engine-command outbox, row for row as the
 * print house wrote it: the outcomes (and every rejection's line and sentence) were recorded against the row-by-row
 * importer of 06ac197 and hold for the set-based one; the plan test is about the set-based statement alone. Letters
 * are written straight into the tables, one person each.
 */
@ProcessTestContext
class DispatchConfirmationImportTest {
    private static final String HEADER = "letter_id,status,date,reason";
    /** Rows the importer applies at a time; the large files here span several chunks. */
    private static final int CHUNK = DispatchConfirmationImporter.CHUNK_ROWS;

    @Autowired
    CampaignFixture fixture;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    private final List<Long> campaignIds = new ArrayList<>();
    private Campaign campaign;
    private String batch;

    @BeforeEach
    void setUp() {
        campaign = fixture.newCampaign();
        campaignIds.add(campaign.id());
        batch = "B-TEST-" + campaign.id();
        jdbc.update("""
                insert into print_batch (id, campaign_id, domestic, letters, pages, sheets, status)
                values (?, ?, true, 0, 0, 0, 'NOTIFIED')""", batch, campaign.id());
    }

    /** The commands target people without journeys: other tests in this context relay every open command. */
    @AfterEach
    void dropCommands() {
        jdbc.update("delete from engine_command where campaign_id = any(?)", (Object) campaignIds.toArray(Long[]::new));
    }

    @Test
    void posted_letters_move_on_in_file_order_and_failed_ones_go_back_in_the_queue() {
        lettersWithThePrintHouse(4);
        String secondOfPerson1 = secondLetterOfPerson(1);

        ImportResult result = importDispatch(row(3, "POSTED", "2025-09-13"),
                row(2, "FAILED", "2025-09-12") + "damaged", row(1, "POSTED", "2025-09-12"),
                secondOfPerson1 + ",posted,2025-09-12,", row(4, "Failed", "2025-09-12"));

        assertCounts(result, 5, 5, 0);
        assertThat(letterState(1)).isEqualTo("POSTED 2025-09-12 " + batch);
        assertThat(letterState(3)).isEqualTo("POSTED 2025-09-13 " + batch);
        assertThat(letterState(2)).isEqualTo("READY null null");
        assertThat(letterState(4)).isEqualTo("READY null null");
        assertThat(stageOf(1)).isEqualTo("POSTED");
        assertThat(stageOf(3)).isEqualTo("POSTED");
        assertThat(stageOf(2)).isEqualTo("EXPORTED");
        assertThat(commands()).containsExactly(
                "LETTER_POSTED " + personId(3) + " " + letter(3) + " null 0 open",
                "LETTER_POSTED " + personId(1) + " " + letter(1) + " null 0 open",
                "LETTER_POSTED " + personId(1) + " " + secondOfPerson1 + " null 0 open");
    }

    @Test
    void unknown_letter_ids_and_letters_of_another_campaign_are_rejected_with_their_lines() {
        lettersWithThePrintHouse(1);
        Campaign other = campaign;
        String otherLetter = letter(1);
        setUp();
        lettersWithThePrintHouse(1);

        ImportResult result = importDispatch("NO-SUCH-LETTER,POSTED,2025-09-12,", row(1, "POSTED", "2025-09-12"),
                otherLetter + ",POSTED,2025-09-12,", "no-such-letter,FAILED,2025-09-12,misprint");

        assertCounts(result, 4, 1, 3);
        assertThat(listed(result)).containsExactly(
                new Rejection(2, "NO-SUCH-LETTER", "unknown letter id NO-SUCH-LETTER (not a letter of this campaign)"),
                new Rejection(4, otherLetter, "unknown letter id " + otherLetter + " (not a letter of this campaign)"),
                new Rejection(5, "no-such-letter", "unknown letter id no-such-letter (not a letter of this campaign)"));
        assertThat(fixture.letterStatus(otherLetter)).as("the other campaign's letter").isEqualTo("EXPORTED");
        assertThat(commandCount(other)).isZero();
        assertThat(commands()).containsExactly("LETTER_POSTED " + personId(1) + " " + letter(1) + " null 0 open");
    }

    @Test
    void letters_not_with_the_print_house_or_confirmed_before_are_rejected_by_their_status() {
        lettersWithThePrintHouse(4);
        setStatus(1, "READY");
        setStatus(2, "POSTED");
        setStatus(3, "RETURNED");

        ImportResult result = importDispatch(row(1, "POSTED", "2025-09-12"), row(2, "POSTED", "2025-09-12"),
                row(3, "FAILED", "2025-09-12"), row(4, "FAILED", "2025-09-12"));

        assertCounts(result, 4, 1, 3);
        assertThat(listed(result)).containsExactly(
                new Rejection(2, letter(1), "letter " + letter(1) + " is not with the print house (status READY)"),
                new Rejection(3, letter(2), "letter " + letter(2) + " was already confirmed as posted"),
                new Rejection(4, letter(3), "letter " + letter(3) + " was already confirmed as posted"));
        assertThat(statuses(1, 4)).containsExactly("READY", "POSTED", "RETURNED", "READY");
        assertThat(commands()).isEmpty();
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource({
            "POSTED, POSTED, was already confirmed as posted,                  POSTED",
            "POSTED, FAILED, was already confirmed as posted,                  POSTED",
            "FAILED, POSTED, is not with the print house (status READY),       READY",
            "FAILED, FAILED, is not with the print house (status READY),       READY"})
    void a_letter_repeated_in_one_file_is_applied_at_its_first_line_and_rejected_at_the_later_ones(
            String first, String then, String laterReason, String finalStatus) {
        lettersWithThePrintHouse(2);

        ImportResult result = importDispatch(row(1, first, "2025-09-12"), row(2, "POSTED", "2025-09-12"),
                row(1, then, "2025-09-14"), row(1, then, "2025-09-15"));

        assertCounts(result, 4, 2, 2);
        assertThat(listed(result)).containsExactly(
                new Rejection(4, letter(1), "letter " + letter(1) + " " + laterReason),
                new Rejection(5, letter(1), "letter " + letter(1) + " " + laterReason));
        assertThat(letterState(1)).isEqualTo(finalStatus.equals("POSTED") ? "POSTED 2025-09-12 " + batch
                : "READY null null");
        List<String> expected = new ArrayList<>();
        if (first.equals("POSTED")) {
            expected.add("LETTER_POSTED " + personId(1) + " " + letter(1) + " null 0 open");
        }
        expected.add("LETTER_POSTED " + personId(2) + " " + letter(2) + " null 0 open");
        assertThat(commands()).containsExactlyElementsOf(expected);
    }

    @Test
    void a_repeated_row_that_cannot_be_applied_is_rejected_for_the_same_reason_each_time() {
        lettersWithThePrintHouse(2);
        setStatus(2, "READY");

        ImportResult result = importDispatch("NO-SUCH,POSTED,2025-09-12,", row(2, "POSTED", "2025-09-12"),
                "NO-SUCH,POSTED,2025-09-12,", row(2, "FAILED", "2025-09-12"), row(1, "POSTED", "2025-09-12"));

        assertCounts(result, 5, 1, 4);
        assertThat(listed(result)).extracting(Rejection::line, Rejection::reason).containsExactly(
                Tuple.tuple(2L, "unknown letter id NO-SUCH (not a letter of this campaign)"),
                Tuple.tuple(3L, "letter " + letter(2) + " is not with the print house (status READY)"),
                Tuple.tuple(4L, "unknown letter id NO-SUCH (not a letter of this campaign)"),
                Tuple.tuple(5L, "letter " + letter(2) + " is not with the print house (status READY)"));
    }

    @Test
    void the_same_file_imported_again_changes_nothing_and_a_corrected_file_applies_only_its_new_rows() {
        lettersWithThePrintHouse(3);
        String[] rows = {row(1, "POSTED", "2025-09-12"), row(2, "FAILED", "2025-09-12")};
        ImportResult first = importDispatch(rows);
        List<String> commandsAfterFirst = commands();

        ImportResult again = importDispatch(rows);

        assertThat(again.alreadyImported()).isTrue();
        assertThat(again.importFileId()).isEqualTo(first.importFileId());
        assertCounts(again, 2, 2, 0);
        assertThat(commands()).isEqualTo(commandsAfterFirst).hasSize(1);
        assertThat(statuses(1, 3)).containsExactly("POSTED", "READY", "EXPORTED");

        ImportResult corrected = importDispatch(row(1, "POSTED", "2025-09-12"), row(2, "FAILED", "2025-09-12"),
                row(3, "POSTED", "2025-09-12"));

        assertThat(corrected.alreadyImported()).isFalse();
        assertCounts(corrected, 3, 1, 2);
        assertThat(listed(corrected)).containsExactly(
                new Rejection(2, letter(1), "letter " + letter(1) + " was already confirmed as posted"),
                new Rejection(3, letter(2), "letter " + letter(2) + " is not with the print house (status READY)"));
        assertThat(commands()).containsExactly("LETTER_POSTED " + personId(1) + " " + letter(1) + " null 0 open",
                "LETTER_POSTED " + personId(3) + " " + letter(3) + " null 0 open");
    }

    @Test
    void a_file_of_60000_letters_over_several_chunks_is_applied_with_the_right_counts_lines_and_order() {
        int letters = 60_000;
        lettersWithThePrintHouse(letters);
        List<String> rows = new ArrayList<>();
        List<Rejection> expected = new ArrayList<>();
        List<String> postedInFileOrder = new ArrayList<>();
        for (int i = 1; i <= letters; i++) {
            if (i % 1000 == 0) {
                rows.add("NO-" + i + ",POSTED,2025-09-12,");
                expected.add(new Rejection(rows.size() + 1, "NO-" + i, "unknown letter id NO-" + i
                        + " (not a letter of this campaign)"));
            }
            if (i % 2000 == 0) {
                rows.add(letter(i) + ",SENT,2025-09-12,");
                expected.add(new Rejection(rows.size() + 1, letter(i), "status must be POSTED or FAILED"));
            }
            if (i == CHUNK + 10) {
                // a repeat of an earlier chunk's letter, and one of a letter that comes later in this chunk
                rows.add(row(7, "POSTED", "2025-09-13"));
                expected.add(new Rejection(rows.size() + 1, letter(7), "letter " + letter(7)
                        + " was already confirmed as posted"));
                rows.add(row(i + 5, "POSTED", "2025-09-13"));
                postedInFileOrder.add(letter(i + 5));
            }
            boolean failed = i % 6 == 0;
            rows.add(row(i, failed ? "FAILED" : "POSTED", "2025-09-12") + (failed ? "damaged" : ""));
            if (i == CHUNK + 15) {
                expected.add(new Rejection(rows.size() + 1, letter(i), "letter " + letter(i)
                        + " was already confirmed as posted"));
            } else if (!failed) {
                postedInFileOrder.add(letter(i));
            }
        }
        for (int i = 1; i <= 500; i++) {
            rows.add(row(i, "POSTED", "2025-09-20"));
            expected.add(new Rejection(rows.size() + 1, letter(i), "letter " + letter(i) + (i % 6 == 0
                    ? " is not with the print house (status READY)" : " was already confirmed as posted")));
        }

        ImportResult result = importDispatch(rows.toArray(String[]::new));

        assertCounts(result, rows.size(), letters, expected.size());
        assertThat(listed(result)).containsExactlyElementsOf(expected);
        assertThat(jdbc.queryForList("select status || ' ' || count(*) from letter where campaign_id = ?"
                + " group by status order by status", String.class, campaign.id()))
                .containsExactly("POSTED 50000", "READY 10000");
        assertThat(jdbc.queryForObject("select count(*) from letter where campaign_id = ? and status = 'POSTED'"
                + " and posted_date = date '2025-09-12'", Long.class, campaign.id())).isEqualTo(50_000 - 1);
        assertThat(jdbc.queryForObject("select count(*) from person where campaign_id = ? and stage = 'POSTED'",
                Long.class, campaign.id())).isEqualTo(50_000);
        assertThat(jdbc.queryForList("select letter_id from engine_command where campaign_id = ? order by id",
                String.class, campaign.id())).containsExactlyElementsOf(postedInFileOrder);
        assertThat(jdbc.queryForObject("""
                select count(*) from engine_command c join letter l on l.id = c.letter_id
                where c.campaign_id = ? and c.kind = 'LETTER_POSTED' and c.target_id = l.person_id
                  and c.reason is null and c.done_at is null""", Long.class, campaign.id())).isEqualTo(50_000);
    }

    @Test
    void only_the_first_10000_rejections_are_listed_in_line_order_whether_the_row_or_its_letter_was_wrong() {
        lettersWithThePrintHouse(2);
        List<String> rows = new ArrayList<>();
        rows.add(row(1, "POSTED", "2025-09-12"));
        for (int i = 0; i < 3_400; i++) {
            rows.add("NO-A" + i + ",POSTED,2025-09-12,");
            rows.add("NO-B" + i + ",FAILED,2025-09-12,");
            rows.add(row(2, "SENT", "2025-09-12"));
        }
        rows.add(row(2, "POSTED", "2025-09-12"));

        ImportResult result = importDispatch(rows.toArray(String[]::new));

        assertCounts(result, 10_202, 2, 10_200);
        List<Rejection> listed = listed(result);
        assertThat(listed).hasSize(10_000);
        assertThat(listed).extracting(Rejection::line)
                .containsExactlyElementsOf(IntStream.rangeClosed(3, 10_002).mapToObj(Long::valueOf).toList());
        assertThat(listed.get(9_999)).isEqualTo(new Rejection(10_002, "NO-A3333",
                "unknown letter id NO-A3333 (not a letter of this campaign)"));
        assertThat(jdbc.queryForObject("select rejected_not_listed from import_file where id = ?", Long.class,
                result.importFileId())).isEqualTo(200);
        assertThat(statuses(1, 2)).containsExactly("POSTED", "POSTED");
    }

    @Test
    void a_file_refused_after_its_first_chunk_was_applied_leaves_nothing_applied() {
        int valid = CHUNK + 1_000;
        lettersWithThePrintHouse(valid);
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= valid; i++) {
            rows.add(row(i, "POSTED", "2025-09-12"));
        }
        for (int i = 0; i <= valid; i++) {
            rows.add(row(1, "SENT", "2025-09-12"));
        }

        ImportResult result = importDispatch(rows.toArray(String[]::new));

        assertThat(result.status()).isEqualTo(ImportResult.REFUSED);
        assertThat(result.message())
                .startsWith("dispatch-confirmation-test.csv: refused at line " + (2 * valid + 2) + ":");
        assertThat(jdbc.queryForList("select distinct status from letter where campaign_id = ?", String.class,
                campaign.id())).containsExactly("EXPORTED");
        assertThat(jdbc.queryForList("select distinct stage from person where campaign_id = ?", String.class,
                campaign.id())).containsExactly("EXPORTED");
        assertThat(commands()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from rejected_row where import_file_id = ?", Long.class,
                result.importFileId())).isZero();
    }

    @Test
    void a_chunk_is_joined_to_the_letters_by_key_even_for_a_campaign_the_statistics_do_not_know_yet() {
        lettersWithThePrintHouse(5_000);
        jdbc.execute("analyze letter");
        jdbc.execute("analyze person");
        setUp();
        lettersWithThePrintHouse(CHUNK + 5_000);

        List<String> plan = transactions.execute(tx -> {
            tx.setRollbackOnly();
            jdbc.execute(LetterStatuses.DISPATCH_STAGE);
            jdbc.update("""
                    insert into stage_dispatch
                    select row_number() over (order by id) + 1, id, true, date '2025-09-12'
                    from letter where campaign_id = ? order by id limit ?""", campaign.id(), CHUNK);
            jdbc.execute("analyze stage_dispatch");
            return jdbc.queryForList("explain (costs off) "
                    + LetterStatuses.DISPATCH_APPLY.replace("?", Long.toString(campaign.id())), String.class);
        });

        // A join filter is a nested loop comparing every letter with every staged row: with the statistics
        // estimating one letter for this campaign, filtering letters by campaign planned exactly that (240 s for
        // three chunks of this size).
        String text = String.join("\n", plan);
        assertThat(text).as(text).doesNotContain("Join Filter").contains("CTE locked", "Update on letter");
    }

    // --- the campaign's letters, written straight into the tables

    /** Letters 1..n, each of its own person, in this test's print batch with the print house. */
    private void lettersWithThePrintHouse(int n) {
        jdbc.update("""
                insert into person (campaign_id, participant_id, bsn, surname, surname_key, birth_date, street,
                                    house_number, city, country, language, gp_smear_before_2017, grp, stage)
                select ?, 'P-' || g, lpad(g::text, 9, '0'), 'Berg', 'berg', date '1970-01-01', 'Kerkstraat', 1,
                       'Amsterdam', 'NL', 'nl', false, 'GROUP_1', 'EXPORTED'
                from generate_series(1, ?) g""", campaign.id(), n);
        jdbc.update("""
                insert into letter (id, campaign_id, person_id, grp, language, kind, template_version,
                                    lookup_reference, letter_date, status, pages, surname, street, house_number,
                                    postcode, city, country, address_layout, batch_id, print_attempts, exported_at)
                select ? || '-' || substr(p.participant_id, 3), p.campaign_id, p.id, 'GROUP_1', 'nl', 'FIRST', 'v1',
                       'REF-' || p.id, date '2025-09-10', 'EXPORTED', 2, 'Berg', 'Kerkstraat', 1, '1012 AB',
                       'Amsterdam', 'NL', 2, ?, 1, now()
                from person p where p.campaign_id = ?""", "L" + campaign.id(), batch, campaign.id());
    }

    /** A second letter (another group) of person n, with the print house too. */
    private String secondLetterOfPerson(int n) {
        String id = letter(n) + "-2";
        jdbc.update("""
                insert into letter (id, campaign_id, person_id, grp, language, kind, template_version,
                                    lookup_reference, letter_date, status, pages, surname, street, house_number,
                                    postcode, city, country, address_layout, batch_id, print_attempts, exported_at)
                select ?, campaign_id, person_id, 'GROUP_2', language, 'CORRECTIVE', template_version, 'REF-2',
                       letter_date, status, pages, surname, street, house_number, postcode, city, country,
                       address_layout, batch_id, print_attempts, exported_at
                from letter where id = ?""", id, letter(n));
        return id;
    }

    private String letter(int n) {
        return "L" + campaign.id() + "-" + n;
    }

    private String row(int n, String status, String date) {
        return letter(n) + "," + status + "," + date + ",";
    }

    private void setStatus(int n, String status) {
        jdbc.update("update letter set status = ? where id = ?", status, letter(n));
    }

    private long personId(int n) {
        return fixture.personId(campaign, "P-" + n);
    }

    private ImportResult importDispatch(String... rows) {
        String[] lines = new String[rows.length + 1];
        lines[0] = HEADER;
        for (int i = 0; i < rows.length; i++) {
            lines[i + 1] = rows[i];
        }
        return fixture.importCsv(campaign, FileType.DISPATCH_CONFIRMATION, "dispatch-confirmation-test.csv", lines);
    }

    private static void assertCounts(ImportResult result, long read, long accepted, long rejected) {
        assertThat(result.status()).as(result.message()).isEqualTo(ImportResult.IMPORTED);
        assertThat(List.of(result.read(), result.accepted(), result.rejected())).as("read, accepted, rejected")
                .containsExactly(read, accepted, rejected);
    }

    /** Every rejection the file lists, by line. */
    private List<Rejection> listed(ImportResult result) {
        return jdbc.query("""
                select line_number, record_key, reason from rejected_row where import_file_id = ?
                order by line_number""", (rs, i) -> new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3)),
                result.importFileId());
    }

    private String letterState(int n) {
        return jdbc.queryForObject("select status || ' ' || coalesce(posted_date::text, 'null') || ' '"
                + " || coalesce(batch_id, 'null') from letter where id = ?", String.class, letter(n));
    }

    private List<String> statuses(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> fixture.letterStatus(letter(n))).toList();
    }

    private String stageOf(int n) {
        return jdbc.queryForObject("select stage from person where id = ?", String.class, personId(n));
    }

    /** The campaign's engine commands in outbox order. */
    private List<String> commands() {
        return jdbc.queryForList("""
                select kind || ' ' || target_id || ' ' || coalesce(letter_id, 'null') || ' '
                       || coalesce(reason, 'null') || ' ' || attempts || ' ' || case when done_at is null
                       then 'open' else 'done' end
                from engine_command where campaign_id = ? order by id""", String.class, campaign.id());
    }

    private long commandCount(Campaign c) {
        return jdbc.queryForObject("select count(*) from engine_command where campaign_id = ?", Long.class, c.id());
    }
}
