package org.breachnotify.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.breachnotify.support.CampaignFixture.participant;

import java.util.concurrent.atomic.AtomicLong;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.classification.ClassificationService;
import org.breachnotify.classification.GroupChanged;
import org.breachnotify.matching.MatchingService;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Classification tells the letter's side of a group change by an event ({@link GroupChanged}); the correction it
 * makes belongs to classification's transaction: if classifying fails after the letter's side has queued the
 * corrective journey, neither the new group nor the correction stays.
 */
@ProcessTestContext
class LetterCorrectionsTest {
    @Autowired
    CampaignFixture fixture;
    @Autowired
    MatchingService matching;
    @Autowired
    ClassificationService classification;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    ApplicationEventMulticaster multicaster;

    @Test
    void aCorrectionRollsBackWithTheClassificationThatAskedForIt() {
        Campaign campaign = fixture.newCampaign();
        String bsn = TestBsn.valid(71);
        fixture.register(campaign, participant("P-71", bsn, "Kok", "1966-09-09", "9711 AA", "false", null));
        long person = fixture.personId(campaign, "P-71");
        fixture.matchAndStartJourneys(campaign);
        fixture.postAll(campaign);
        assertThat(groupOf(person)).isEqualTo("GROUP_3");

        fixture.leaked(campaign, "1,CD1-71," + bsn + ",,1966-09-09,");   // now in dataset 1: group 1
        matching.matchNewRecords(campaign.id());
        AtomicLong correctionsSeen = new AtomicLong(-1);
        ApplicationListener<PayloadApplicationEvent<GroupChanged>> failing = event -> {
            correctionsSeen.set(correctiveCommands(person));
            throw new IllegalStateException("classification fails after the letter's side was told");
        };
        context.addApplicationListener(failing);
        try {
            assertThatThrownBy(() -> classification.classifyPending(campaign.id()))
                    .hasMessageContaining("classification fails");
        } finally {
            multicaster.removeApplicationListener(failing);
        }
        assertThat(correctionsSeen.get()).as("corrective journeys queued when the failing listener ran").isOne();
        assertThat(groupOf(person)).isEqualTo("GROUP_3");
        assertThat(correctiveCommands(person)).isZero();
        assertThat(stageOf(person)).isEqualTo("POSTED");

        classification.classifyPending(campaign.id());
        assertThat(groupOf(person)).isEqualTo("GROUP_1");
        assertThat(correctiveCommands(person)).isOne();
        assertThat(stageOf(person)).isEqualTo("CORRECTION_QUEUED");
    }

    private String groupOf(long person) {
        return jdbc.queryForObject("select grp from person where id = ?", String.class, person);
    }

    private String stageOf(long person) {
        return jdbc.queryForObject("select stage from person where id = ?", String.class, person);
    }

    private long correctiveCommands(long person) {
        return jdbc.queryForObject("""
                select count(*) from engine_command where kind = 'START_CORRECTIVE_JOURNEY' and target_id = ?""",
                Long.class, person);
    }
}
