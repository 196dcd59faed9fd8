package org.breachnotify.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.breachnotify.support.CampaignFixture.participant;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.campaign.CampaignReportService;
import org.breachnotify.campaign.JourneyStarts;
import org.breachnotify.classification.ClassificationService;
import org.breachnotify.engine.EngineCommandKind;
import org.breachnotify.engine.EngineCommandRelay;
import org.breachnotify.engine.EngineCommands;
import org.breachnotify.engine.ProcessModels;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.ImportResult;
import org.breachnotify.matching.MatchingService;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bulk journey core (ADR 10): letters composed by the campaign, journeys started and told "posted" many per
 * engine command, return windows closed by the campaign rather than a timer per person, and the rare ways out: a
 * return after the window, a letter that cannot be composed, a chunk in which one person fails.
 */
@ProcessTestContext
class JourneyCoreTest {
    @Autowired
    ProcessEngine engine;
    @Autowired
    CampaignFixture fixture;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EngineCommands commands;
    @Autowired
    EngineCommandRelay relay;
    @Autowired
    MatchingService matching;
    @Autowired
    ClassificationService classification;
    @Autowired
    JourneyStarts journeyStarts;
    @Autowired
    CampaignReportService reports;

    private Campaign campaign;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        campaign = fixture.newCampaign();
    }

    @Test
    @DisplayName("the campaign closes every due return window at once; no journey ever holds a job or a timer")
    void returnWindowsAreClosedInBulk() {
        registerGroupFour("W-1", "W-2", "W-3");
        fixture.matchAndStartJourneys(campaign);
        assertThat(jobsOfJourneys()).isZero();

        fixture.postAll(campaign);
        assertThat(jobsOfJourneys()).isZero();
        assertThat(commands.enqueueDueWindowCloses(campaign.id())).as("windows of PT10M not yet due").isZero();

        assertThat(fixture.closeReturnWindows(campaign)).isEqualTo(3);
        for (String participant : List.of("W-1", "W-2", "W-3")) {
            long person = fixture.personId(campaign, participant);
            assertThat(fixture.journeysOf(person)).isEmpty();
            assertThat(jdbc.queryForObject("select stage || ' ' || journey_outcome from person where id = ?",
                    String.class, person)).isEqualTo("ENDED EndEvent_LetterDelivered");
        }
        assertThat(commands.enqueueDueWindowCloses(campaign.id())).as("each window closes once").isZero();
        assertThat(commands.pending(campaign.id())).isZero();
    }

    @Test
    @DisplayName("a letter returned after its window closed is recorded and handled by a new journey: remailed")
    void lateReturnIsRemailed() {
        String bsn = TestBsn.valid(61);
        fixture.register(campaign, participant("L-1", bsn, "Visser", "1980-02-02", "1234 AB", "true", null));
        long person = fixture.personId(campaign, "L-1");
        fixture.matchAndStartJourneys(campaign);
        String first = fixture.postAll(campaign).get(0);
        fixture.closeReturnWindows(campaign);
        assertThat(fixture.journeysOf(person)).isEmpty();

        fixture.importCsv(campaign, FileType.ADDRESS_UPDATES, "address-updates.csv",
                "bsn,street,house_number,house_letter,house_number_suffix,postcode,city,country,deceased_date",
                bsn + ",Singel,100,,,1015 AA,Amsterdam,NL,");
        ImportResult result = fixture.returned(campaign, first, "MOVED");

        assertThat(result.accepted()).as("rejections: %s", result.firstRejections()).isEqualTo(1);
        assertThat(fixture.letterStatus(first)).isEqualTo("RETURNED");
        ProcessInstance late = fixture.journeyOf(person);
        assertThat(late).hasPassed("Event_LetterReturnedLate", "Task_LookUpAddress", "Task_GenerateLetter")
                .isWaitingAt("Task_WaitForPosting");
        assertThat(late.getBusinessKey()).isEqualTo(campaign.code() + "/L-1");
        assertThat(fixture.lettersOf(person)).hasSize(2);
        assertThat(jdbc.queryForObject("select open_journeys from person where id = ?", Integer.class, person))
                .isEqualTo(1);

        fixture.postAll(campaign);
        fixture.closeReturnWindows(campaign);
        assertThat(jdbc.queryForObject("select stage || ' ' || journey_outcome from person where id = ?",
                String.class, person)).isEqualTo("ENDED EndEvent_LetterDelivered");
    }

    @Test
    @DisplayName("a refusal returned after the window closed ends the person's new journey at once, and the person")
    void lateRefusalEndsAtOnce() {
        registerGroupFour("R-1");
        long person = fixture.personId(campaign, "R-1");
        fixture.matchAndStartJourneys(campaign);
        String letter = fixture.postAll(campaign).get(0);
        fixture.closeReturnWindows(campaign);

        assertThat(fixture.returned(campaign, letter, "REFUSED").accepted()).isEqualTo(1);

        assertThat(fixture.journeysOf(person)).isEmpty();
        assertThat(jdbc.queryForObject("""
                select stage || ' ' || journey_outcome || ' ' || open_journeys || ' ' || (journey_ended_at is not null)
                from person where id = ?""", String.class, person)).isEqualTo("ENDED EndEvent_Refused 0 true");
    }

    @Test
    @DisplayName("a letter that cannot be composed leaves its journey at 'Generate the letter' with an incident naming why")
    void uncomposableLetterBecomesAnIncident() {
        registerGroupFour("U-1", "U-2");
        long broken = fixture.personId(campaign, "U-1");
        long fine = fixture.personId(campaign, "U-2");
        // imported before the import refused such names: the letter font has no Han glyphs
        jdbc.update("update person set surname = ? where id = ?", "\u738b", broken);
        matching.matchNewRecords(campaign.id());
        classification.classifyPending(campaign.id());
        journeyStarts.composeAndQueue(campaign.id());
        relay.relayAll();

        assertThat(fixture.lettersOf(broken)).isEmpty();
        assertThat(fixture.journeyOf(fine)).isWaitingAt("Task_WaitForPosting");
        ProcessInstance journey = fixture.journeyOf(broken);
        assertThat(journey).isWaitingAt("Task_GenerateLetter");
        Job job = management.createJobQuery().processInstanceId(journey.getId()).singleResult();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("surname");
        }
        Incident incident = runtime.createIncidentQuery().processInstanceId(journey.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("Task_GenerateLetter");
        assertThat(incident.getIncidentMessage()).contains("surname", "Han");
        assertThat(incident.getIncidentMessage()).doesNotContain("\u738b");
    }

    @Test
    @DisplayName("in a chunk where one start fails, the others start; the failing one is retried alone, then parked and reported")
    void oneFailingStartDoesNotHoldUpItsChunk() {
        registerGroupFour("C-1", "C-2", "C-3");
        matching.matchNewRecords(campaign.id());
        classification.classifyPending(campaign.id());
        journeyStarts.composeAndQueue(campaign.id());
        commands.enqueue(EngineCommandKind.START_JOURNEY, campaign.id(), -1, null, "GROUP_4"); // no such person

        relay.relayAll();

        for (String participant : List.of("C-1", "C-2", "C-3")) {
            assertThat(fixture.journeyOf(fixture.personId(campaign, participant))).isWaitingAt("Task_WaitForPosting");
        }
        assertThat(jdbc.queryForObject("""
                select attempts || ' ' || last_error from engine_command where target_id = -1 and done_at is null""",
                String.class)).isEqualTo("1 no person -1");

        jdbc.update("update engine_command set attempts = ?, next_attempt_at = now() where target_id = -1",
                9);
        relay.relayAll();
        assertThat(reports.report(campaign.id()).engineCommands().parked()).isEqualTo(1);
    }

    private void registerGroupFour(String... participantIds) {
        String[] rows = new String[participantIds.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = participant(participantIds[i], TestBsn.valid(70 + i), "Visser", "1980-02-0" + (i + 1),
                    "1234 AB", "true", null);
        }
        fixture.register(campaign, rows);
    }

    private long jobsOfJourneys() {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ProcessModels.PARTICIPANT)
                .processInstanceBusinessKeyLike(campaign.code() + "/%").list().stream()
                .mapToLong(pi -> management.createJobQuery().processInstanceId(pi.getId()).count()).sum();
    }
}
