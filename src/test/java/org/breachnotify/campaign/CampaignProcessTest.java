package org.breachnotify.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.breachnotify.engine.EngineCommandRelay;
import org.breachnotify.engine.ProcessEngineAdapter;
import org.breachnotify.engine.ProcessModels;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.Jobs;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The campaign process: its rounds over the inbox, matching, journeys and print batches. */
@ProcessTestContext
class CampaignProcessTest {
    @Autowired
    ProcessEngine engine;
    @Autowired
    CampaignFixture fixture;
    @Autowired
    CampaignService campaigns;
    @Autowired
    CampaignReportService reports;
    @Autowired
    EngineCommandRelay relay;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;

    private Campaign campaign;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        campaign = fixture.newCampaign();
    }

    @Test
    void aRoundReadsTheInboxStartsJourneysAndWaitsForTheNextRoundWhileLettersAreUnderway() throws IOException {
        String bsn = TestBsn.valid(21);
        drop("participants.csv", PARTICIPANTS_HEADER,
                participant("P-1", bsn, "Berg", "1968-04-12", "1012 AB", "false", null),
                participant("P-2", TestBsn.valid(22), "Jansen", "1975-11-02", "3511 AX", "true", null),
                "P-3,123,X.,,Bad,1970-01-01,Kerkstraat,1,,,1012 AB,Amsterdam,NL,nl,,false,");
        drop("leaked-records-1.csv", "dataset,lab_record_id,bsn,surname,birth_date,postcode",
                "1,CD1-1," + bsn + ",,1968-04-12,");

        ProcessInstance round = startCampaign();
        Jobs.runDue(management, round.getId());
        assertThat(round).hasPassed("Task_ReadInbox", "Task_MatchRecords", "Task_StartJourneys",
                "Task_CutPrintBatches", "Task_CheckProgress").isWaitingAt("Event_NextRound");
        assertThat(Files.list(campaigns.inboxOf(campaign).resolve("processed"))).hasSize(2);

        fixture.relayAndRun(campaign);
        CampaignReport report = reports.report(campaign.id());
        assertThat(report.participants()).isEqualTo(2);
        assertThat(report.rejectedRows()).isEqualTo(1);
        assertThat(report.groups()).containsEntry("GROUP_1", 1L).containsEntry("GROUP_4", 1L);
        assertThat(report.letters().generated()).isEqualTo(2);

        Jobs.fireTimer(management, round.getId());
        Jobs.runDue(management, round.getId());
        assertThat(round).isWaitingAt("Event_NextRound");
        assertThat(reports.report(campaign.id()).letters().exported()).isEqualTo(2);
    }

    @Test
    void aCampaignOfOnlyDeceasedPeopleCompletesAfterItsJourneysEnd() throws IOException {
        drop("participants.csv", PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(23), "Oud", "1920-01-01", "1012 AB", "false", "2020-01-01"));
        ProcessInstance round = startCampaign();
        Jobs.runDue(management, round.getId());
        assertThat(round).isWaitingAt("Event_NextRound");

        fixture.relayAndRun(campaign);
        Jobs.fireTimer(management, round.getId());
        Jobs.runDue(management, round.getId());

        assertThat(round).isEnded();
        assertThat(fixture.endActivityOf(round)).as("end events are in the process-instance history (ADR 15)")
                .isEqualTo("EndEvent_CampaignComplete");
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(reports.report(campaign.id()).groups()).containsEntry("NOT_NOTIFIED_DECEASED", 1L);
    }

    @Test
    void startingACampaignTwiceRunsOneCampaignProcess() {
        campaigns.start(campaign.id());
        campaigns.start(campaign.id());
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ProcessModels.CAMPAIGN)
                .processInstanceBusinessKey(ProcessEngineAdapter.campaignKey(campaign.id())).count()).isEqualTo(1);
    }

    private ProcessInstance startCampaign() {
        campaigns.start(campaign.id());
        return runtime.createProcessInstanceQuery().processDefinitionKey(ProcessModels.CAMPAIGN)
                .processInstanceBusinessKey(ProcessEngineAdapter.campaignKey(campaign.id())).singleResult();
    }

    private void drop(String name, String... lines) throws IOException {
        Path inbox = Files.createDirectories(campaigns.inboxOf(campaign));
        Files.writeString(inbox.resolve(name), String.join("\n", lines) + "\n");
    }
}
