package org.breachnotify.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;

import java.util.List;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.intake.FileType;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each matching rule of FORMATS.md against the real database, one test per outcome. */
@ProcessTestContext
class MatchingServiceTest {
    @Autowired
    CampaignFixture fixture;
    @Autowired
    MatchingService matching;
    @Autowired
    JdbcTemplate jdbc;

    private Campaign campaign;
    private final String bsnBerg = TestBsn.valid(71);

    @BeforeEach
    void register() {
        campaign = fixture.newCampaign();
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", PARTICIPANTS_HEADER,
                "P-1," + bsnBerg + ",J.A.,van der,Berg,1968-04-12,Kerkstraat,12,,,1012 AB,Amsterdam,NL,nl,,false,",
                participant("P-2", TestBsn.valid(72), "Jansen", "1975-11-02", "3511 AX", "false", null),
                participant("P-3", TestBsn.valid(73), "Jansen", "1975-11-02", "9711 AA", "false", null),
                participant("P-4", TestBsn.valid(74), "Öztürk", "1980-05-05", "2511 CV", "false", null));
    }

    @Test
    void aKnownBsnWithTheSameOrNoBirthDateLinks() {
        leaked("1,R-1," + bsnBerg + ",,1968-04-12,", "2,R-2," + bsnBerg + ",,,");
        MatchingService.MatchRun run = matching.matchNewRecords(campaign.id());

        assertThat(run.linked()).isEqualTo(2);
        assertThat(statusAndPerson("R-1")).isEqualTo("LINKED P-1");
        assertThat(statusAndPerson("R-2")).isEqualTo("LINKED P-1");
        assertThat(openReviews()).isZero();
    }

    @Test
    void aKnownBsnWithAnotherBirthDateIsAConflictForStaff() {
        leaked("1,R-1," + bsnBerg + ",,1968-04-13,");
        MatchingService.MatchRun run = matching.matchNewRecords(campaign.id());

        assertThat(run.conflicts()).isEqualTo(1);
        assertThat(statusAndPerson("R-1")).isEqualTo("CONFLICT -");
        assertThat(candidatesOf("R-1")).containsExactly("P-1");
    }

    @Test
    void oneSurnameAndBirthDateMatchIsAProbableLinkWhateverTheSpelling() {
        leaked("1,R-1,,VAN DER BERG,1968-04-12,", "1,R-2,,van-der-berg,1968-04-12,", "1,R-3,,Vanderberg,1968-04-12,",
                "2,R-4,,ozturk,1980-05-05,");
        matching.matchNewRecords(campaign.id());

        assertThat(statusAndPerson("R-1")).isEqualTo("PROBABLE P-1");
        assertThat(statusAndPerson("R-2")).isEqualTo("PROBABLE P-1");
        assertThat(statusAndPerson("R-3")).isEqualTo("PROBABLE P-1");
        assertThat(statusAndPerson("R-4")).isEqualTo("PROBABLE P-4");
    }

    @Test
    void aBsnNobodyHasFallsBackToSurnameAndBirthDate() {
        leaked("1,R-1," + TestBsn.valid(79) + ",Berg,1968-04-12,", "1,R-2,,vanderBerg,1968-04-12,");
        matching.matchNewRecords(campaign.id());

        assertThat(statusAndPerson("R-1")).isEqualTo("UNLINKED -"); // surname without its prefix is another name
        assertThat(statusAndPerson("R-2")).isEqualTo("PROBABLE P-1");
    }

    @Test
    void aPostcodeNarrowsSeveralCandidatesToOne() {
        leaked("1,R-1,,Jansen,1975-11-02,3511ax", "1,R-2,,Jansen,1975-11-02,1234 ZZ");
        matching.matchNewRecords(campaign.id());

        assertThat(statusAndPerson("R-1")).isEqualTo("PROBABLE P-2");
        assertThat(statusAndPerson("R-2")).isEqualTo("UNLINKED -");
    }

    @Test
    void severalCandidatesOpenAReviewWithAllOfThem() {
        leaked("2,R-1,,jansen,1975-11-02,");
        MatchingService.MatchRun run = matching.matchNewRecords(campaign.id());

        assertThat(run.ambiguous()).isEqualTo(1);
        assertThat(statusAndPerson("R-1")).isEqualTo("AMBIGUOUS -");
        assertThat(candidatesOf("R-1")).containsExactly("P-2", "P-3");
        assertThat(jdbc.queryForObject("select count(*) from engine_command where campaign_id = ? "
                + "and kind = 'START_REVIEW'", Long.class, campaign.id())).isEqualTo(1);
    }

    @Test
    void noCandidateAtAllIsListedUnlinkedWithoutAReview() {
        leaked("1,R-1,,Pietersen,1990-01-01,", "1,R-2,,,,");
        MatchingService.MatchRun run = matching.matchNewRecords(campaign.id());

        assertThat(run.unlinked()).isEqualTo(2);
        assertThat(openReviews()).isZero();
    }

    @Test
    void matchingAgainTouchesOnlyNewRecordsAndOpensNoSecondReview() {
        leaked("2,R-1,,jansen,1975-11-02,");
        matching.matchNewRecords(campaign.id());
        MatchingService.MatchRun again = matching.matchNewRecords(campaign.id());

        assertThat(again).isEqualTo(new MatchingService.MatchRun(0, 0, 0, 0, 0));
        assertThat(openReviews()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from engine_command where campaign_id = ? "
                + "and kind = 'START_REVIEW'", Long.class, campaign.id())).isEqualTo(1);
    }

    private void leaked(String... rows) {
        String[] lines = new String[rows.length + 1];
        lines[0] = "dataset,lab_record_id,bsn,surname,birth_date,postcode";
        System.arraycopy(rows, 0, lines, 1, rows.length);
        assertThat(fixture.importCsv(campaign, FileType.LEAKED_RECORDS, "leaked-records.csv", lines).rejected())
                .isZero();
    }

    private String statusAndPerson(String labRecordId) {
        return jdbc.queryForObject("""
                select l.match_status || ' ' || coalesce(p.participant_id, '-') from leaked_record l
                left join person p on p.id = l.person_id where l.campaign_id = ? and l.lab_record_id = ?""",
                String.class, campaign.id(), labRecordId);
    }

    private List<String> candidatesOf(String labRecordId) {
        return jdbc.queryForList("""
                select p.participant_id from match_review r join leaked_record l on l.id = r.leaked_record_id
                join match_candidate c on c.review_id = r.id join person p on p.id = c.person_id
                where l.campaign_id = ? and l.lab_record_id = ? order by p.participant_id""", String.class,
                campaign.id(), labRecordId);
    }

    private long openReviews() {
        return jdbc.queryForObject("select count(*) from match_review where campaign_id = ? and status = 'OPEN'",
                Long.class, campaign.id());
    }
}
