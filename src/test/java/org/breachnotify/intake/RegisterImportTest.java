package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;

import java.util.List;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.platform.PlannerStatistics;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Storing the register and the leaked records: repeats, re-imports, second files, exact names. */
@ProcessTestContext
class RegisterImportTest {
    private static final String LEAKED_HEADER = "dataset,lab_record_id,bsn,surname,birth_date,postcode";

    @Autowired
    CampaignFixture fixture;
    @Autowired
    JdbcTemplate jdbc;

    private Campaign campaign;

    @BeforeEach
    void setUp() {
        campaign = fixture.newCampaign();
    }

    @Test
    void aRepeatedParticipantIdOrBsnRejectsTheLaterRowNamingTheFirst() {
        String bsn = TestBsn.valid(51);
        ImportResult result = fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv",
                PARTICIPANTS_HEADER,
                participant("P-1", bsn, "Berg", "1968-04-12", "1012 AB", "false", null),
                participant("P-1", TestBsn.valid(52), "Smit", "1970-01-01", "1012 AB", "false", null),
                participant("P-3", bsn, "Berg", "1968-04-12", "1012 AB", "false", null),
                participant("P-4", TestBsn.valid(54), "Bos", "1971-01-01", "1012 AB", "false", null));

        assertThat(result.read()).isEqualTo(4);
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.firstRejections()).extracting(Rejection::line, Rejection::key, Rejection::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "P-1", "participant_id P-1 repeats line 2"),
                        org.assertj.core.groups.Tuple.tuple(4L, "P-3", "BSN repeats line 2"));
        assertThat(participantIds()).containsExactly("P-1", "P-4");
        assertThat(jdbc.queryForObject("select surname from person where campaign_id = ? and participant_id = 'P-1'",
                String.class, campaign.id())).isEqualTo("Berg");
    }

    @Test
    void aSecondRegisterFileAddsNewPeopleAndReportsTheRepeats() {
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants-1.csv", PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(55), "Berg", "1968-04-12", "1012 AB", "false", null));
        ImportResult second = fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants-2.csv",
                PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(56), "Berg", "1968-04-12", "1012 AB", "false", null),
                participant("P-2", TestBsn.valid(55), "Smit", "1970-01-01", "1012 AB", "false", null),
                participant("P-3", TestBsn.valid(57), "Bos", "1971-01-01", "1012 AB", "false", null));

        assertThat(second.accepted()).isEqualTo(1);
        assertThat(second.rejected()).isEqualTo(2);
        assertThat(second.firstRejections()).extracting(Rejection::reason).containsExactly(
                "participant_id P-1 repeats an earlier file", "BSN repeats an earlier file");
        assertThat(participantIds()).containsExactly("P-1", "P-3");
    }

    @Test
    void aLargeRegisterFileRefreshesThePlannerStatisticsOfPersonASmallOneLeavesThemToAutovacuum() {
        long before = analyzeCount("person");
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "small.csv", PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(59), "Berg", "1968-04-12", "1012 AB", "false", null));
        assertThat(analyzeCount("person")).as("after one row").isEqualTo(before);

        String[] large = new String[(int) PlannerStatistics.REFRESH_AFTER_ROWS + 1];
        large[0] = PARTICIPANTS_HEADER;
        for (int i = 1; i < large.length; i++) {
            large[i] = participant("L-" + i, TestBsn.valid(300_000 + i), "Berg", "1968-04-12", "1012 AB", "false",
                    null);
        }
        ImportResult result = fixture.importCsv(campaign, FileType.PARTICIPANTS, "large.csv", large);

        assertThat(result.accepted()).isEqualTo(PlannerStatistics.REFRESH_AFTER_ROWS);
        assertThat(analyzeCount("person")).as("after %d rows", result.accepted()).isEqualTo(before + 1);
    }

    private long analyzeCount(String table) {
        return jdbc.queryForObject("select analyze_count from pg_stat_user_tables where relname = ?", Long.class,
                table);
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        String[] lines = {PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(58), "Berg", "1968-04-12", "1012 AB", "false", null),
                "P-2,123,X.,,Bad,1970-01-01,Kerkstraat,1,,,1012 AB,Amsterdam,NL,nl,,false,"};
        ImportResult first = fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", lines);
        ImportResult again = fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants-copy.csv", lines);

        assertThat(again.alreadyImported()).isTrue();
        assertThat(again.importFileId()).isEqualTo(first.importFileId());
        assertThat(again.accepted()).isEqualTo(1);
        assertThat(participantIds()).containsExactly("P-1");
        assertThat(jdbc.queryForObject("""
                select count(*) from rejected_row r join import_file f on f.id = r.import_file_id
                where f.campaign_id = ?""", Long.class, campaign.id())).isEqualTo(1);
    }

    @Test
    void namesAreKeptExactlyAsGiven() {
        List<String> surnames = List.of("Öztürk-ĳsselmeer", "Nguyễn", "Đặng", "d'Hondt",
                "Van den Berghe-Oudenhoven tot Wijnbergen");
        String[] lines = new String[surnames.size() + 1];
        lines[0] = PARTICIPANTS_HEADER;
        for (int i = 0; i < surnames.size(); i++) {
            lines[i + 1] = participant("P-" + i, TestBsn.valid(60 + i), "\"" + surnames.get(i) + "\"",
                    "1980-01-0" + (i + 1), "1012 AB", "false", null);
        }
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", lines);

        assertThat(jdbc.queryForList("select surname from person where campaign_id = ? order by participant_id",
                String.class, campaign.id())).containsExactlyElementsOf(surnames);
    }

    @Test
    void aLabRecordIdRepeatedWithinItsDatasetIsRejectedButMayRecurInTheOtherDataset() {
        ImportResult result = fixture.importCsv(campaign, FileType.LEAKED_RECORDS, "leaked-records.csv",
                LEAKED_HEADER, "1,CD-1,,Berg,1968-04-12,", "1,CD-1,,Smit,1970-01-01,", "2,CD-1,,Bos,1971-01-01,");

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.firstRejections()).extracting(Rejection::line, Rejection::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3L, "lab_record_id CD-1 of dataset 1 repeats line 2"));
    }

    private List<String> participantIds() {
        return jdbc.queryForList("select participant_id from person where campaign_id = ? order by participant_id",
                String.class, campaign.id());
    }
}
