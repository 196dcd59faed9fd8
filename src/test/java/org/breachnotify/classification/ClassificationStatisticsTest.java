package org.breachnotify.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;

import org.breachnotify.campaign.Campaign;
import org.breachnotify.intake.FileType;
import org.breachnotify.matching.MatchingService;
import org.breachnotify.platform.PlannerStatistics;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A classification run that gives many people a group refreshes the planner's statistics of {@code person} at once
 * (the journey starts right after it are planned on them); a small one leaves them to autovacuum.
 */
@ProcessTestContext
class ClassificationStatisticsTest {
    @Autowired
    CampaignFixture fixture;
    @Autowired
    MatchingService matching;
    @Autowired
    ClassificationService classification;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aLargeClassificationRunRefreshesThePersonStatisticsASmallOneDoesNot() {
        Campaign small = fixture.newCampaign();
        fixture.importCsv(small, FileType.PARTICIPANTS, "small.csv", PARTICIPANTS_HEADER,
                participant("S-1", TestBsn.valid(91), "Berg", "1968-04-12", "1012 AB", "false", null));
        matching.matchNewRecords(small.id());
        long before = analyzeCount();
        assertThat(classification.classifyPending(small.id()).classified()).isOne();
        assertThat(analyzeCount()).as("after one person").isEqualTo(before);

        Campaign large = fixture.newCampaign();
        String[] rows = new String[(int) PlannerStatistics.REFRESH_AFTER_ROWS + 1];
        rows[0] = PARTICIPANTS_HEADER;
        for (int i = 1; i < rows.length; i++) {
            rows[i] = participant("C-" + i, TestBsn.valid(400_000 + i), "Berg", "1968-04-12", "1012 AB", "false",
                    null);
        }
        fixture.importCsv(large, FileType.PARTICIPANTS, "large.csv", rows);
        matching.matchNewRecords(large.id());
        long afterImport = analyzeCount();
        assertThat(classification.classifyPending(large.id()).classified())
                .isEqualTo((int) PlannerStatistics.REFRESH_AFTER_ROWS);
        assertThat(analyzeCount()).as("after %d people", PlannerStatistics.REFRESH_AFTER_ROWS)
                .isEqualTo(afterImport + 1);
    }

    private long analyzeCount() {
        return jdbc.queryForObject("select analyze_count from pg_stat_user_tables where relname = 'person'",
                Long.class);
    }
}
