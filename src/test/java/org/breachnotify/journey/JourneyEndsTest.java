package org.breachnotify.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.breachnotify.support.CampaignFixture.participant;

import java.util.List;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.journey.Journeys.JourneyEnd;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Journey ends are recorded once per transaction, in one statement ({@link Journeys#recordEnds}): several ends of one
 * person count together and keep the last outcome, and ends rolled back with their transaction leave no trace.
 */
@ProcessTestContext
class JourneyEndsTest {
    @Autowired
    CampaignFixture fixture;
    @Autowired
    Journeys journeys;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    RuntimeService runtime;

    @Test
    void severalEndsOfOnePersonCountTogetherAndTheLastOutcomeStays() {
        Campaign campaign = campaignWithJourneys("E-1", "E-2");
        long first = fixture.personId(campaign, "E-1");
        long second = fixture.personId(campaign, "E-2");
        journeys.openAnother(first);   // a corrective journey of E-1 besides the first one

        List<JourneyEnd> missing = tx.execute(status -> journeys.recordEnds(List.of(
                new JourneyEnd(campaign.code(), "E-1", "EndEvent_LetterDelivered"),
                new JourneyEnd(campaign.code(), "E-2", "EndEvent_Refused"),
                new JourneyEnd(campaign.code(), "E-404", "EndEvent_LetterDelivered"),
                new JourneyEnd(campaign.code(), "E-1", "EndEvent_ClosedByStaff"))));

        assertThat(missing).containsExactly(new JourneyEnd(campaign.code(), "E-404", "EndEvent_LetterDelivered"));
        assertThat(journeyColumns(first)).isEqualTo("0 EndEvent_ClosedByStaff ENDED true");
        assertThat(journeyColumns(second)).isEqualTo("0 EndEvent_Refused ENDED true");
    }

    @Test
    void oneOfTwoOpenJourneysEndingLeavesThePersonOpen() {
        Campaign campaign = campaignWithJourneys("E-3");
        long person = fixture.personId(campaign, "E-3");
        String stage = jdbc.queryForObject("select stage from person where id = ?", String.class, person);
        journeys.openAnother(person);

        tx.execute(status -> journeys.recordEnds(List.of(
                new JourneyEnd(campaign.code(), "E-3", "EndEvent_LetterDelivered"))));

        assertThat(journeyColumns(person)).isEqualTo("1 EndEvent_LetterDelivered " + stage + " false");
    }

    @Test
    void endsRecordedInATransactionThatRollsBackLeaveNoTrace() {
        Campaign campaign = campaignWithJourneys("E-4");
        long person = fixture.personId(campaign, "E-4");
        fixture.postAll(campaign);
        String before = journeyColumns(person);
        String journey = fixture.journeyOf(person).getId();

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            runtime.deleteProcessInstance(journey, "test: an end that is rolled back");
            throw new IllegalStateException("the transaction fails after the journey ended");
        })).hasMessageContaining("fails after");

        assertThat(journeyColumns(person)).isEqualTo(before);
        assertThat(fixture.journeyOf(person).getId()).isEqualTo(journey);

        assertThat(fixture.closeReturnWindows(campaign)).isOne();
        assertThat(journeyColumns(person)).isEqualTo("0 EndEvent_LetterDelivered ENDED true");
    }

    /** A new campaign in which each given participant (group 3, not in a leaked dataset) has started a journey. */
    private Campaign campaignWithJourneys(String... participantIds) {
        Campaign campaign = fixture.newCampaign();
        String[] rows = new String[participantIds.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = participant(participantIds[i], TestBsn.valid(81 + i), "Smit", "1961-01-01", "1011 AA", "false",
                    null);
        }
        fixture.register(campaign, rows);
        fixture.matchAndStartJourneys(campaign);
        return campaign;
    }

    private String journeyColumns(long person) {
        return jdbc.queryForObject("""
                select open_journeys || ' ' || coalesce(journey_outcome, '-') || ' ' || stage || ' '
                       || (journey_ended_at is not null) from person where id = ?""", String.class, person);
    }
}
