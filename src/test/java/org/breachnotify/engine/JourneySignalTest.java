package org.breachnotify.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.breachnotify.support.CampaignFixture.participant;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.register.Group;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A journey waits for the print house's posting and then for a return or the window's end at receive tasks without a
 * message (ADR 13): the relay signals the journey's own execution. Journeys started on the model before (a message
 * subscription in a child execution for each wait) still receive the same news, by their old messages; neither kind
 * is moved on by news for the other wait.
 */
@ProcessTestContext
class JourneySignalTest {
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProcessEngineAdapter adapter;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    CampaignFixture fixture;
    @Autowired
    JdbcTemplate jdbc;

    private Campaign campaign;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        campaign = fixture.newCampaign();
    }

    @Test
    void aJourneyOnTheCurrentModelIsSignalledAtEachWait() {
        String journey = startOn(adapter.latestJourneyDefinition(), "S-1");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey).singleResult())
                .isWaitingAt(ProcessModels.TASK_WAIT_FOR_POSTING);
        assertThat(jdbc.queryForObject("select count(*) from act_ru_event_subscr where proc_inst_id_ = ?",
                Long.class, journey)).as("message subscriptions").isZero();

        assertThatThrownBy(() -> adapter.continueJourney(journey, JourneySignal.RETURNED,
                Map.of(ProcessVariables.RETURN_REASON.name(), "REFUSED")))
                .as("a return before the posting reached the journey").isInstanceOf(IllegalStateException.class);
        assertThat(adapter.continueJourneyIfWaiting(journey, JourneySignal.WINDOW_CLOSED, Map.of())).isFalse();

        adapter.continueJourney(journey, JourneySignal.POSTED, Map.of());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey).singleResult())
                .isWaitingAt(ProcessModels.TASK_WAIT_FOR_RETURN);
        assertThat(runtime.createExecutionQuery().processInstanceId(journey).count()).as("executions").isOne();

        assertThat(adapter.continueJourneyIfWaiting(journey, JourneySignal.WINDOW_CLOSED, Map.of())).isTrue();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey).singleResult()).isNull();
        assertThat(endOf(journey)).isEqualTo("EndEvent_LetterDelivered");
        assertThat(jdbc.queryForObject("select count(*) from act_hi_varinst where proc_inst_id_ = ? and name_ = ?",
                Long.class, journey, ProcessVariables.WAIT_OUTCOME.name())).as("wait outcome stored").isZero();
        assertThat(adapter.continueJourneyIfWaiting(journey, JourneySignal.WINDOW_CLOSED, Map.of()))
                .as("an ended journey").isFalse();
    }

    @Test
    void aJourneyStartedOnTheModelBeforeTheSignalsReceivesTheSameNewsByItsMessages() throws IOException {
        String earlier = deployEarlierModel();
        String refused = startOn(earlier, "S-2");
        String delivered = startOn(earlier, "S-3");
        for (String journey : new String[] {refused, delivered}) {
            assertThat(jdbc.queryForObject("select count(*) from act_ru_event_subscr where proc_inst_id_ = ?",
                    Long.class, journey)).as("the earlier model waits on a message").isOne();
            adapter.continueJourney(journey, JourneySignal.POSTED, Map.of());
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey).singleResult())
                    .isWaitingAt("Gateway_ReturnedOrNot");
        }

        adapter.continueJourney(refused, JourneySignal.RETURNED,
                Map.of(ProcessVariables.RETURN_REASON.name(), "REFUSED"));
        assertThat(adapter.continueJourneyIfWaiting(delivered, JourneySignal.WINDOW_CLOSED, Map.of())).isTrue();

        assertThat(endOf(refused)).isEqualTo("EndEvent_Refused");
        assertThat(endOf(delivered)).isEqualTo("EndEvent_LetterDelivered");
    }

    /** The participant model as it was before the signals, deployed under a key of its own. */
    private String deployEarlierModel() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/legacy/participant-before-signals.bpmn")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("<bpmn:process id=\"participant\"", "<bpmn:process id=\"participantBeforeSignals\"")
                    .replace("bpmnElement=\"participant\"", "bpmnElement=\"participantBeforeSignals\"");
            return repository.createDeployment().name("participant before signals")
                    .addString("participant-before-signals.bpmn", xml).deployWithResult()
                    .getDeployedProcessDefinitions().get(0).getId();
        }
    }

    /** A registered person's journey with a composed letter (its id only routes here), counted open. */
    private String startOn(String definitionId, String participantId) {
        fixture.register(campaign, participant(participantId, TestBsn.valid(500 + participantId.hashCode() % 100),
                "Kok", "1966-09-09", "9711 AA", "false", null));
        jdbc.update("update person set open_journeys = 1 where campaign_id = ? and participant_id = ?", campaign.id(),
                participantId);
        return adapter.startJourney(definitionId, new ProcessEngineAdapter.JourneyStart(
                campaign.code() + "/" + participantId, Group.GROUP_3, "LTR-" + participantId, false, null));
    }

    private String endOf(String journey) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(journey)
                .singleResult().getEndActivityId();
    }
}
