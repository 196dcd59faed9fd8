package org.breachnotify.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.participant;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.engine.JourneyKeys;
import org.breachnotify.engine.ProcessModels;
import org.breachnotify.engine.ProcessVariables;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The journey rule the crash test and the two-node run check: one first journey per classified person, and a second
 * one only as a corrective journey or a late-return journey. The demo campaigns of those runs have neither, so the rule
 * is held to account here: a late refusal and a corrective letter pass it, a journey started twice does not.
 */
@ProcessTestContext
class CampaignChecksJourneyRuleTest {
    @Autowired
    CampaignFixture fixture;
    @Autowired
    DataSource dataSource;
    @Autowired
    RuntimeService runtime;

    @Test
    void aLateReturnAndACorrectiveLetterAreSecondJourneysTheRuleAllowsAJourneyStartedTwiceIsNot() throws Exception {
        Campaign campaign = fixture.newCampaign();
        String changesGroup = TestBsn.valid(102);
        fixture.register(campaign,
                participant("K-1", TestBsn.valid(101), "Visser", "1980-02-01", "1234 AB", "true", null),
                participant("K-2", changesGroup, "Kok", "1966-09-09", "9711 AA", "false", null),
                participant("K-3", TestBsn.valid(103), "Visser", "1980-02-03", "1234 AB", "true", null));
        fixture.matchAndStartJourneys(campaign);
        fixture.postAll(campaign);
        fixture.closeReturnWindows(campaign);
        String refused = fixture.currentLetterOf(fixture.personId(campaign, "K-1"));
        assertThat(fixture.returned(campaign, refused, "REFUSED").accepted()).isEqualTo(1); // after the window
        fixture.leaked(campaign, "1,CD1-90," + changesGroup + ",,1966-09-09,"); // a later file: group 1, not 3
        fixture.matchAndStartJourneys(campaign);
        assertThat(fixture.journeysOf(fixture.personId(campaign, "K-2"))).as("the corrective journey").hasSize(1);

        CampaignChecks.JourneyCounts counts;
        try (Connection db = dataSource.getConnection()) {
            CampaignChecks checks = new CampaignChecks(db, Path.of("target"), campaign.code(), 0);
            assertThat(checks.journeyRule()).isEmpty();
            counts = checks.journeyCounts();
        }
        assertThat(counts).isEqualTo(new CampaignChecks.JourneyCounts(3, 1, 1));

        String letter = fixture.currentLetterOf(fixture.personId(campaign, "K-3"));
        runtime.startProcessInstanceByKey(ProcessModels.PARTICIPANT, JourneyKeys.of(campaign.code(), "K-3"),
                Map.of(ProcessVariables.GROUP.name(), "GROUP_4", ProcessVariables.LETTER_ID.name(), letter));
        try (Connection db = dataSource.getConnection()) {
            List<String> failures = new CampaignChecks(db, Path.of("target"), campaign.code(), 0).journeyRule();
            assertThat(failures).containsExactly("classified people without exactly one first journey: 1 (expected 0)");
        }
    }
}
