package org.breachnotify.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.List;
import org.breachnotify.engine.ProcessModels;
import org.breachnotify.engine.ProcessVariables;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.ImportResult;
import org.breachnotify.printhouse.PrintBatchService;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.Jobs;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.breachnotify.returnmail.ReturnHandlingService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The participant journey, one test per path, against the real engine and embedded PostgreSQL. */
@ProcessTestContext
class ParticipantProcessTest {
    @Autowired
    ProcessEngine engine;
    @Autowired
    CampaignFixture fixture;
    @Autowired
    PrintBatchService batches;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CampaignReportService reports;

    private Campaign campaign;

    /** The campaigns this class made, for the coverage gate. */
    private static final List<String> CAMPAIGNS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        campaign = fixture.newCampaign();
        CAMPAIGNS.add(campaign.code());
    }

    @Test
    void personInTheFirstLeakedDatasetGetsAGroupOneLetterThatIsDelivered() {
        String bsn = TestBsn.valid(1);
        register(participant("P-1", bsn, "Berg", "1968-04-12", "1012 AB", "false", null));
        leaked("1,CD1-1," + bsn + ",,1968-04-12,");
        long person = fixture.personId(campaign, "P-1");
        fixture.matchAndStartJourneys(campaign);

        ProcessInstance journey = fixture.journeyOf(person);
        assertThat(journey).isWaitingAt("Task_WaitForPosting").hasNotPassed("Task_GenerateLetter")
                .variables().as("group and letter id only route the start (ADR 14)").isEmpty();
        assertThat(journey.getBusinessKey()).isEqualTo(campaign.code() + "/P-1");
        String letter = fixture.currentLetterOf(person);

        postAll();
        assertThat(journey).isWaitingAt("Task_WaitForReturn");
        assertThat(fixture.letterStatus(letter)).isEqualTo("POSTED");

        assertThat(management.createJobQuery().processInstanceId(journey.getId()).count()).isZero();
        assertThat(fixture.closeReturnWindows(campaign)).isEqualTo(1);
        assertThat(journey).isEnded();
        assertThat(fixture.endActivityOf(journey)).isEqualTo("EndEvent_LetterDelivered");
        assertThat(jdbc.queryForList("select act_id_ from act_hi_actinst where proc_inst_id_ = ?", String.class,
                journey.getId())).as("no activity history for routing elements (ADR 15) nor for the waits (ADR 16)")
                .isEmpty();
        assertThat(outcomeOf(person)).isEqualTo("EndEvent_LetterDelivered");
    }

    @Test
    void deceasedPersonGetsNoLetter() {
        register(participant("P-2", TestBsn.valid(2), "Jansen", "1940-01-01", "3511 AX", "false", "2024-05-01"));
        long person = fixture.personId(campaign, "P-2");
        fixture.matchAndStartJourneys(campaign);

        assertThat(fixture.lettersOf(person)).isEmpty();
        assertThat(outcomeOf(person)).isEqualTo("EndEvent_NotNotifiedDeceased");
        assertThat(groupOf(person)).isEqualTo("NOT_NOTIFIED_DECEASED");
    }

    @Test
    void returnedLetterWithANewAddressInTheRegisterIsSentAgain() {
        String bsn = TestBsn.valid(3);
        register(participant("P-3", bsn, "Visser", "1980-02-02", "1234 AB", "true", null));
        long person = fixture.personId(campaign, "P-3");
        fixture.matchAndStartJourneys(campaign);
        assertThat(groupOf(person)).isEqualTo("GROUP_4");
        String first = fixture.currentLetterOf(person);
        postAll();

        fixture.importCsv(campaign, FileType.ADDRESS_UPDATES, "address-updates.csv",
                "bsn,street,house_number,house_letter,house_number_suffix,postcode,city,country,deceased_date",
                bsn + ",Singel,100,,,1015 AA,Amsterdam,NL,");
        returned(first, "MOVED");

        ProcessInstance journey = fixture.journeyOf(person);
        assertThat(journey).hasPassed("Task_LookUpAddress").isWaitingAt("Task_WaitForPosting");
        List<String> letters = fixture.lettersOf(person);
        assertThat(letters).hasSize(2).last().isNotEqualTo(first);
        assertThat(jdbc.queryForObject("select kind || ' ' || kix from letter where id = ?", String.class,
                letters.get(1))).isEqualTo("REMAIL 1015AA100");
        assertThat(fixture.letterStatus(first)).isEqualTo("RETURNED");
    }

    @Test
    void aLetterReturnedAfterItsWindowClosedStartsAJourneyThatHandlesTheReturn() {
        register(participant("P-10", TestBsn.valid(10), "Smit", "1975-05-05", "2511 CV", "false", null));
        long person = fixture.personId(campaign, "P-10");
        fixture.matchAndStartJourneys(campaign);
        String letter = fixture.currentLetterOf(person);
        postAll();
        ProcessInstance first = fixture.journeyOf(person);
        assertThat(fixture.closeReturnWindows(campaign)).isEqualTo(1);
        assertThat(fixture.journeysOf(person)).isEmpty();

        returned(letter, "ADDRESS_UNKNOWN");

        ProcessInstance late = fixture.journeyOf(person);
        assertThat(late.getId()).isNotEqualTo(first.getId());
        assertThat(late).hasPassed("Event_LetterReturnedLate", "Task_LookUpAddress")
                .hasNotPassed("Task_WaitForPosting", "Event_LetterReturned")
                .isWaitingAt("Task_ResolveReturnedLetter");
        assertThat(late).as("the staff form shows the returned letter and why")
                .variables().containsEntry(ProcessVariables.LETTER_ID.name(), letter)
                .containsEntry(ProcessVariables.RETURN_REASON.name(), "ADDRESS_UNKNOWN");
        assertThat(late.getBusinessKey()).isEqualTo(campaign.code() + "/P-10");
    }

    @Test
    void returnedLetterWithoutANewAddressGoesToStaffWhoCloseIt() {
        register(participant("P-4", TestBsn.valid(4), "Bakker", "1971-03-03", "2511 CV", "false", null));
        long person = fixture.personId(campaign, "P-4");
        fixture.matchAndStartJourneys(campaign);
        String letter = fixture.currentLetterOf(person);
        postAll();
        returned(letter, "ADDRESS_UNKNOWN");

        ProcessInstance journey = fixture.journeyOf(person);
        assertThat(journey).hasPassed("Task_LookUpAddress").isWaitingAt("Task_ResolveReturnedLetter");
        assertThat(task(journey)).hasCandidateGroup(ProcessModels.HELPDESK_GROUP);
        assertThat(journey).as("the staff form shows the returned letter and why")
                .variables().containsEntry(ProcessVariables.LETTER_ID.name(), letter)
                .containsEntry(ProcessVariables.RETURN_REASON.name(), "ADDRESS_UNKNOWN");
        complete(task(journey), withVariables(ProcessVariables.RESOLUTION.name(), "CLOSE"));
        assertThat(journey).isEnded();
        assertThat(fixture.endActivityOf(journey)).isEqualTo("EndEvent_ClosedByStaff");
        assertThat(fixture.lettersOf(person)).hasSize(1);
    }

    @Test
    void staffCanSendAReturnedLetterAgain() {
        register(participant("P-5", TestBsn.valid(5), "Smit", "1972-04-04", "2511 CV", "false", null));
        long person = fixture.personId(campaign, "P-5");
        fixture.matchAndStartJourneys(campaign);
        postAll();
        returned(fixture.currentLetterOf(person), "MAILBOX_UNAVAILABLE");

        ProcessInstance journey = fixture.journeyOf(person);
        complete(task(journey), withVariables(ProcessVariables.RESOLUTION.name(), "SEND_AGAIN"));
        Jobs.runDue(management, journey.getId());
        assertThat(journey).hasPassed("Task_TakeCurrentAddress").isWaitingAt("Task_WaitForPosting");
        assertThat(fixture.lettersOf(person)).hasSize(2);
    }

    @Test
    void refusedLetterIsClosedWithoutRemail() {
        register(participant("P-6", TestBsn.valid(6), "Mulder", "1973-05-05", "9711 AA", "false", null));
        long person = fixture.personId(campaign, "P-6");
        fixture.matchAndStartJourneys(campaign);
        postAll();
        returned(fixture.currentLetterOf(person), "REFUSED");

        assertThat(outcomeOf(person)).isEqualTo("EndEvent_Refused");
        assertThat(fixture.lettersOf(person)).hasSize(1);
    }

    @Test
    void returnedAsDeceasedIsClosedWhenTheRegisterConfirmsIt() {
        String bsn = TestBsn.valid(7);
        register(participant("P-7", bsn, "Bos", "1930-06-06", "9711 AA", "false", null));
        long person = fixture.personId(campaign, "P-7");
        fixture.matchAndStartJourneys(campaign);
        postAll();
        fixture.importCsv(campaign, FileType.ADDRESS_UPDATES, "address-updates.csv",
                "bsn,deceased_date", bsn + ",2025-08-01");
        returned(fixture.currentLetterOf(person), "DECEASED");

        assertThat(outcomeOf(person)).isEqualTo("EndEvent_ClosedDeceased");
    }

    @Test
    @DisplayName("returned as deceased, but the register does not confirm the death: staff decide")
    void returnedAsDeceasedWithoutConfirmationGoesToStaff() {
        register(participant("P-11", TestBsn.valid(11), "Bos", "1931-06-06", "9711 AA", "false", null));
        long person = fixture.personId(campaign, "P-11");
        fixture.matchAndStartJourneys(campaign);
        postAll();
        returned(fixture.currentLetterOf(person), "DECEASED");

        ProcessInstance journey = fixture.journeyOf(person);
        assertThat(journey).hasPassed("Task_ConfirmDeceased")
                .isWaitingAt("Task_ResolveReturnedLetter");
        complete(task(journey), withVariables(ProcessVariables.RESOLUTION.name(), "CLOSE"));
        assertThat(outcomeOf(person)).isEqualTo("EndEvent_ClosedByStaff");
    }

    @Test
    @DisplayName("a third return after two automatic remails goes to staff, even with a new address in the register")
    void aThirdReturnGoesToStaff() {
        String bsn = TestBsn.valid(12);
        register(participant("P-12", bsn, "Visser", "1980-03-03", "1234 AB", "true", null));
        long person = fixture.personId(campaign, "P-12");
        fixture.matchAndStartJourneys(campaign);
        postAll();
        for (int remail = 1; remail <= 3; remail++) {
            fixture.importCsv(campaign, FileType.ADDRESS_UPDATES, "address-updates-" + remail + ".csv",
                    "bsn,street,house_number,house_letter,house_number_suffix,postcode,city,country,deceased_date",
                    bsn + ",Singel," + (100 + remail) + ",,,1015 AA,Amsterdam,NL,");
            returned(fixture.currentLetterOf(person), "MOVED");
            if (remail < 3) {
                assertThat(fixture.journeyOf(person)).isWaitingAt("Task_WaitForPosting");
                postAll();
            }
        }

        assertThat(fixture.lettersOf(person)).hasSize(3);
        ProcessInstance journey = fixture.journeyOf(person);
        assertThat(journey).isWaitingAt("Task_ResolveReturnedLetter");
        assertThat(jdbc.queryForObject("select remail_count from person where id = ?", Integer.class, person))
                .isEqualTo(ReturnHandlingService.MAX_AUTOMATIC_REMAILS);
    }

    /**
     * The coverage gate: together, this class's journeys pass every flow node of the participant model (a path
     * added to the model without a test fails the build here). At history level
     * {@code audit-without-routing-or-waits} (ADR 15, 16) start and end events are read from the process-instance
     * history ({@code START_ACT_ID_}, {@code END_ACT_ID_}), and a gateway or a receive task, which leave no row, count
     * as passed when the target of each of their outgoing flows was: the gate asks for every branch, not only the
     * gateway.
     */
    @AfterAll
    static void everyFlowNodeOfTheJourneyWasPassed(@Autowired JdbcTemplate jdbc) throws java.io.IOException {
        long tests = java.util.Arrays.stream(ParticipantProcessTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).count();
        org.junit.jupiter.api.Assumptions.assumeTrue(CAMPAIGNS.size() == tests,
                "the coverage gate needs every test of the class (a single test was run)");
        Collection<FlowNode> model;
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("bpmn/participant.bpmn"))) {
            model = Bpmn.readModelFromStream(in).getModelElementsByType(FlowNode.class);
        }
        Object keys = CAMPAIGNS.stream().map(code -> code + "/%").toArray(String[]::new);
        Set<String> passed = new HashSet<>(jdbc.queryForList("""
                with journeys as (select id_, start_act_id_, end_act_id_ from act_hi_procinst
                                  where proc_def_key_ = 'participant' and business_key_ like any(?))
                select a.act_id_ from act_hi_actinst a join journeys j on j.id_ = a.proc_inst_id_
                union select node from journeys, unnest(array[start_act_id_, end_act_id_]) node where node is not null
                """, String.class, keys));
        boolean more = true;
        while (more) {   // a wait may lead to a gateway, a gateway to another gateway
            more = false;
            for (FlowNode node : model) {
                if ((node instanceof Gateway || node instanceof ReceiveTask) && !passed.contains(node.getId()) && node.getOutgoing().stream()
                        .allMatch(branch -> passed.contains(branch.getTarget().getId()))) {
                    more = passed.add(node.getId());
                }
            }
        }
        Set<String> nodes = model.stream().map(FlowNode::getId).collect(Collectors.toSet());
        assertThat(nodes).contains("Task_WaitForPosting", "Gateway_ReturnedOrNot", "Task_ResolveReturnedLetter");
        assertThat(passed).as("flow nodes passed by ParticipantProcessTest").containsAll(nodes);
    }

    @Test
    void aSecondReturnOfTheSameLetterIsReportedNotApplied() {
        register(participant("P-8", TestBsn.valid(8), "Dekker", "1974-07-07", "9711 AA", "false", null));
        long person = fixture.personId(campaign, "P-8");
        fixture.matchAndStartJourneys(campaign);
        postAll();
        String letter = fixture.currentLetterOf(person);
        returned(letter, "ADDRESS_UNKNOWN");
        ImportResult again = fixture.importCsv(campaign, FileType.RETURN_MAIL, "return-mail-2.csv",
                "letter_id,reason,date", letter + ",MOVED,2025-09-25", "LTR-NONE-NONE-NONE,MOVED,2025-09-25");

        assertThat(again.accepted()).isZero();
        assertThat(again.rejected()).isEqualTo(2);
        assertThat(again.firstRejections()).extracting(r -> r.reason())
                .anySatisfy(reason -> assertThat(reason).contains("already reported returned"))
                .anySatisfy(reason -> assertThat(reason).contains("unknown letter id"));
        assertThat(fixture.journeyOf(person)).isWaitingAt("Task_ResolveReturnedLetter");
    }

    @Test
    void aLaterLeakedRecordThatChangesTheGroupAfterPostingBringsACorrectiveLetter() {
        String bsn = TestBsn.valid(9);
        register(participant("P-9", bsn, "Kok", "1966-09-09", "9711 AA", "false", null));
        long person = fixture.personId(campaign, "P-9");
        fixture.matchAndStartJourneys(campaign);
        assertThat(groupOf(person)).isEqualTo("GROUP_3");
        String first = fixture.currentLetterOf(person);
        postAll();

        leaked("1,CD1-90," + bsn + ",,1966-09-09,");   // a later file: this person is in dataset 1 after all
        fixture.matchAndStartJourneys(campaign);

        assertThat(groupOf(person)).isEqualTo("GROUP_1");
        List<String> letters = fixture.lettersOf(person);
        assertThat(letters).hasSize(2).first().isEqualTo(first);
        String corrective = letters.get(1);
        assertThat(jdbc.queryForList("select kind || ' ' || grp || ' ' || corrective || ' ' || previous_letter_id "
                + "from letter where id = ?", String.class, corrective))
                .containsExactly("CORRECTIVE GROUP_1 true " + first);
        List<ProcessInstance> journeys = fixture.journeysOf(person);
        assertThat(journeys).hasSize(2);
        assertThat(journeys.get(0)).isWaitingAt("Task_WaitForReturn").variables().isEmpty();
        assertThat(journeys.get(1)).isWaitingAt("Task_WaitForPosting")
                .variables().containsEntry(ProcessVariables.CORRECTIVE.name(), true)
                .containsEntry(ProcessVariables.LETTER_ID.name(), corrective);

        assertThat(reports.report(campaign.id()).letters().corrective()).isEqualTo(1);

        postAll();   // the posting of the corrective letter reaches the corrective journey, not the first one
        assertThat(journeys.get(1)).isWaitingAt("Task_WaitForReturn");
        assertThat(fixture.letterStatus(corrective)).isEqualTo("POSTED");

        leaked("2,CD2-91," + bsn + ",,1966-09-09,");   // dataset 2 as well: group 1 still applies, nothing new
        fixture.matchAndStartJourneys(campaign);
        assertThat(fixture.lettersOf(person)).hasSize(2);
    }

    @Test
    void aGroupChangeBeforeTheLetterIsPrintedChangesTheLetterItself() {
        String bsn = TestBsn.valid(10);
        register(participant("P-10", bsn, "Kok", "1966-10-10", "9711 AA", "false", null));
        long person = fixture.personId(campaign, "P-10");
        fixture.matchAndStartJourneys(campaign);
        String letter = fixture.currentLetterOf(person);
        assertThat(fixture.letterStatus(letter)).isEqualTo("READY");

        leaked("2,CD2-100," + bsn + ",,1966-10-10,");
        fixture.matchAndStartJourneys(campaign);

        assertThat(fixture.lettersOf(person)).containsExactly(letter);
        assertThat(jdbc.queryForObject("select grp from letter where id = ?", String.class, letter))
                .isEqualTo("GROUP_2");
        assertThat(fixture.journeysOf(person)).hasSize(1);
    }

    private void register(String... rows) {
        String[] lines = new String[rows.length + 1];
        lines[0] = PARTICIPANTS_HEADER;
        System.arraycopy(rows, 0, lines, 1, rows.length);
        ImportResult result = fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", lines);
        assertThat(result.rejected()).as("rejections: %s", result.firstRejections()).isZero();
    }

    private void leaked(String... rows) {
        String[] lines = new String[rows.length + 1];
        lines[0] = "dataset,lab_record_id,bsn,surname,birth_date,postcode";
        System.arraycopy(rows, 0, lines, 1, rows.length);
        fixture.importCsv(campaign, FileType.LEAKED_RECORDS, "leaked-records.csv", lines);
    }

    /** Cuts the ready letters into a batch and confirms every one of them posted. */
    private void postAll() {
        List<String> delivered = batches.cutAndDeliver(fixture.campaign(campaign.id()));
        assertThat(delivered).isNotEmpty();
        List<String> letters = jdbc.queryForList("select id from letter where batch_id = any(?)", String.class,
                (Object) delivered.toArray(String[]::new));
        String[] lines = new String[letters.size() + 1];
        lines[0] = "letter_id,status,date,reason";
        for (int i = 0; i < letters.size(); i++) {
            lines[i + 1] = letters.get(i) + ",POSTED,2025-09-12,";
        }
        ImportResult result = fixture.importCsv(campaign, FileType.DISPATCH_CONFIRMATION,
                "dispatch-confirmation-" + delivered.get(0) + ".csv", lines);
        assertThat(result.accepted()).isEqualTo(letters.size());
        fixture.relayAndRun(campaign);
    }

    private void returned(String letterId, String reason) {
        ImportResult result = fixture.importCsv(campaign, FileType.RETURN_MAIL, "return-mail.csv",
                "letter_id,reason,date", letterId + "," + reason + ",2025-09-20");
        assertThat(result.accepted()).as("rejections: %s", result.firstRejections()).isEqualTo(1);
        fixture.relayAndRun(campaign);
    }

    private String outcomeOf(long person) {
        return jdbc.queryForObject("select journey_outcome from person where id = ?", String.class, person);
    }

    private String groupOf(long person) {
        return jdbc.queryForObject("select grp from person where id = ?", String.class, person);
    }
}
