package org.breachnotify.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import org.breachnotify.engine.ProcessModels;
import org.breachnotify.engine.ProcessVariables;
import org.breachnotify.intake.FileType;
import org.breachnotify.review.MatchReviewView;
import org.breachnotify.review.ReviewService;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Doubtful matches: the review task, its decision, and the held people it releases. */
@ProcessTestContext
class MatchReviewProcessTest {
    @Autowired
    ProcessEngine engine;
    @Autowired
    CampaignFixture fixture;
    @Autowired
    ReviewService reviews;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;

    private Campaign campaign;
    private long first;
    private long second;

    @BeforeEach
    void twoPeopleShareSurnameAndBirthDateAndALeakedRecordFitsBoth() {
        AbstractAssertions.init(engine);
        campaign = fixture.newCampaign();
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(11), "de Vries", "1975-11-02", "3511 AX", "false", null),
                participant("P-2", TestBsn.valid(12), "De Vries", "1975-11-02", "9711 AA", "false", null));
        fixture.importCsv(campaign, FileType.LEAKED_RECORDS, "leaked-records.csv",
                "dataset,lab_record_id,bsn,surname,birth_date,postcode", "1,CD1-9,,DEVRIES,1975-11-02,");
        first = fixture.personId(campaign, "P-1");
        second = fixture.personId(campaign, "P-2");
        fixture.matchAndStartJourneys(campaign);
    }

    @Test
    void bothCandidatesAreHeldUntilStaffDecide() {
        assertThat(groupOf(first)).isEqualTo("HELD_FOR_REVIEW");
        assertThat(groupOf(second)).isEqualTo("HELD_FOR_REVIEW");
        assertThat(fixture.journeyOf(first)).as("no journey before the review is decided").isNull();
        assertThat(fixture.lettersOf(first)).isEmpty();

        ProcessInstance review = reviewInstance();
        assertThat(review).isWaitingAt(ProcessModels.TASK_REVIEW_MATCH);
        assertThat(task(review)).hasCandidateGroup(ProcessModels.PRIVACY_OFFICER_GROUP);
        MatchReviewView view = reviews.view(reviewId(review)).orElseThrow();
        assertThat(view.kind()).isEqualTo("AMBIGUOUS");
        assertThat(view.candidates()).extracting(MatchReviewView.Candidate::personId).containsExactly(first, second);
        assertThat(view.candidates()).allSatisfy(c -> assertThat(c.bsnMasked()).startsWith("******"));
    }

    @Test
    void aDecisionThatRacedTheClassificationStillReleasesItsPeopleInTheNextRound() {
        // The decision committed while the round's classification was holding both candidates: it looked for held
        // people before the hold was committed and released nobody (what staff deciding within seconds can cause).
        long reviewId = reviewId(reviewInstance());
        jdbc.update("update leaked_record set match_status = 'DISMISSED', person_id = null"
                + " where id = (select leaked_record_id from match_review where id = ?)", reviewId);
        jdbc.update("update match_review set status = 'DECIDED', decision = ?, decided_at = now() where id = ?",
                ReviewService.DISMISS, reviewId);
        assertThat(groupOf(first)).isEqualTo("HELD_FOR_REVIEW");

        fixture.matchAndStartJourneys(campaign);

        assertThat(groupOf(first)).isEqualTo("GROUP_3");
        assertThat(groupOf(second)).isEqualTo("GROUP_3");
        assertThat(fixture.journeyOf(first)).isNotNull();
        assertThat(fixture.journeyOf(second)).isNotNull();
    }

    @Test
    void linkingTheRecordToOneCandidateGivesThemGroupOneAndTheOtherGroupThree() {
        ProcessInstance review = reviewInstance();
        complete(task(review), withVariables(ProcessVariables.DECISION.name(), ReviewService.LINK,
                ProcessVariables.LINKED_PERSON_ID.name(), first));
        fixture.relayAndRun(campaign);
        fixture.matchAndStartJourneys(campaign);   // the next round classifies the released people

        assertThat(review).isEnded().hasPassed("Task_ApplyReviewDecision");
        assertThat(fixture.journeyOf(first)).isWaitingAt("Task_WaitForPosting");
        assertThat(groupOf(first)).isEqualTo("GROUP_1");
        assertThat(groupOf(second)).isEqualTo("GROUP_3");
        assertThat(jdbc.queryForObject("select match_status from leaked_record where campaign_id = ?", String.class,
                campaign.id())).isEqualTo("LINKED_BY_STAFF");
    }

    @Test
    void dismissingTheRecordReleasesBothIntoGroupThree() {
        ProcessInstance review = reviewInstance();
        complete(task(review), withVariables(ProcessVariables.DECISION.name(), ReviewService.DISMISS));
        fixture.relayAndRun(campaign);
        fixture.matchAndStartJourneys(campaign);

        assertThat(groupOf(first)).isEqualTo("GROUP_3");
        assertThat(groupOf(second)).isEqualTo("GROUP_3");
        assertThat(fixture.lettersOf(second)).hasSize(1);
    }

    private ProcessInstance reviewInstance() {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ProcessModels.MATCH_REVIEW)
                .variableValueEquals(ProcessVariables.CAMPAIGN_ID.name(), campaign.id()).singleResult();
    }

    private long reviewId(ProcessInstance review) {
        return Long.parseLong(review.getBusinessKey().substring("review-".length()));
    }

    private String groupOf(long person) {
        return jdbc.queryForObject("select grp from person where id = ?", String.class, person);
    }
}
