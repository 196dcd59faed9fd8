package org.breachnotify.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.intake.FileType;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rules live in bpmn/classifyPerson.dmn only: a process manager who changes the table and deploys it changes
 * the outcome for everyone classified afterwards, without touching code.
 */
@ProcessTestContext
class DecisionRedeployTest {
    @Autowired
    CampaignFixture fixture;
    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRedeployedDecisionTableClassifiesPeopleNotYetClassified() throws IOException {
        String original = dmn();
        String changed = original.replace("<text>\"GROUP_4\"</text>", "<text>\"GROUP_3\"</text>");
        assertThat(changed).isNotEqualTo(original);

        Campaign before = fixture.newCampaign();
        assertThat(groupOfNewGpSmearPerson(before, 81)).isEqualTo("GROUP_4");
        try {
            deploy(changed);
            Campaign after = fixture.newCampaign();
            assertThat(groupOfNewGpSmearPerson(after, 82)).isEqualTo("GROUP_3");
            assertThat(jdbc.queryForObject("select classified_by from person where campaign_id = ?", String.class,
                    after.id())).as("the archive names the decision version").matches("classifyPerson:\\d+")
                    .isNotEqualTo(jdbc.queryForObject("select classified_by from person where campaign_id = ?",
                            String.class, before.id()));
        } finally {
            deploy(original); // later tests in this shared context expect the table as shipped
        }
        assertThat(groupOfNewGpSmearPerson(fixture.newCampaign(), 83)).isEqualTo("GROUP_4");
    }

    private String groupOfNewGpSmearPerson(Campaign campaign, int seed) {
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(seed), "Visser", "1960-01-01", "1012 AB", "true", null));
        fixture.matchAndStartJourneys(campaign);
        return jdbc.queryForObject("select grp from person where campaign_id = ?", String.class, campaign.id());
    }

    private void deploy(String dmn) {
        repository.createDeployment().name("classifyPerson edited by a process manager")
                .addString("classifyPerson.dmn", dmn).deploy();
    }

    private static String dmn() throws IOException {
        try (InputStream in = DecisionRedeployTest.class.getResourceAsStream("/bpmn/classifyPerson.dmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
