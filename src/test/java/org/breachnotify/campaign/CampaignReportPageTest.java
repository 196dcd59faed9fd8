package org.breachnotify.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.breachnotify.intake.FileType;
import org.breachnotify.support.Api;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** The process managers' report page: served to anyone, its data only to the engine's users. */
@ProcessTestContext
class CampaignReportPageTest {

    @Autowired
    WebApplicationContext web;
    @Autowired
    CampaignFixture fixture;
    @Autowired
    JdbcTemplate jdbc;

    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = Api.client(web);
    }

    @Test
    void thePageAndItsScriptAreServedWithoutLoggingIn() throws Exception {
        String page = mvc.perform(get("/campaign-report.html")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"campaign-select\"", "id=\"auth-message\"", "id=\"summary\"",
                "id=\"groups\"", "id=\"stages\"", "id=\"letters\"", "id=\"matching\"", "id=\"rejected\"",
                "id=\"reviews\"", "id=\"unlinked\"", "Log in to Cockpit or Tasklist first",
                "href=\"/camunda/app/cockpit/\"", "campaign-report.js", "campaign-report.css");

        String script = mvc.perform(get("/campaign-report.js")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(script).contains("'/api/campaigns'", "'/report'", "'/reviews/summary'", "'/unlinked-records'",
                "/rejected-rows.csv", "=== 401");
        mvc.perform(get("/campaign-report.css")).andExpect(status().isOk());
    }

    @Test
    void theReportListsTheLatestThousandFilesAndCountsThemAll() throws Exception {
        Campaign campaign = fixture.newCampaign();
        jdbc.update("""
                insert into import_file (campaign_id, file_type, file_name, sha256, status)
                select ?, 'RETURN_MAIL', 'return-mail-' || g || '.csv', md5(g::text), 'IMPORTED'
                from generate_series(1, 1001) g""", campaign.id());

        mvc.perform(get("/api/campaigns/{id}/report", campaign.id()).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fileCount").value(1001))
                .andExpect(jsonPath("$.files", hasSize(CampaignReport.FILES_LISTED)))
                .andExpect(jsonPath("$.files[0].fileName").value("return-mail-2.csv"))
                .andExpect(jsonPath("$.files[999].fileName").value("return-mail-1001.csv"));
    }

    @Test
    void theEndpointsThePageReadsAnswerForACampaignWithAReviewAndAnUnlinkedRecord() throws Exception {
        Campaign campaign = fixture.newCampaign();
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(51), "de Vries", "1975-11-02", "3511 AX", "false", null),
                participant("P-2", TestBsn.valid(52), "De Vries", "1975-11-02", "9711 AA", "false", null),
                participant("P-3", TestBsn.valid(53), "Bakker", "1980-13-01", "1012 AB", "false", null));
        fixture.importCsv(campaign, FileType.LEAKED_RECORDS, "leaked-records.csv",
                "dataset,lab_record_id,bsn,surname,birth_date,postcode",
                "1,CD1-9,,DEVRIES,1975-11-02,",
                "2,CD2-7,,NOBODY,1950-01-01,");
        fixture.matchAndStartJourneys(campaign);
        long id = campaign.id();

        mvc.perform(get("/api/campaigns").header(Api.AUTHORIZATION, Api.ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem((int) id)));
        mvc.perform(get("/api/campaigns/{id}/report", id).header(Api.AUTHORIZATION, Api.ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$.participants").value(2))
                .andExpect(jsonPath("$.rejectedRows").value(1))
                .andExpect(jsonPath("$.groups.HELD_FOR_REVIEW").value(2))
                .andExpect(jsonPath("$.journeys.byStage.HELD").value(2))
                .andExpect(jsonPath("$.matching.unlinkedWithCandidates").value(1))
                .andExpect(jsonPath("$.matching.unlinkedWithoutCandidates").value(1))
                .andExpect(jsonPath("$.matching.openReviews").value(1));

        String reviews = mvc.perform(get("/api/campaigns/{id}/reviews/summary", id).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].reviewId", notNullValue()))
                .andExpect(jsonPath("$[0].kind").value("AMBIGUOUS"))
                .andExpect(jsonPath("$[0].dataset").value(1))
                .andExpect(jsonPath("$[0].labRecordId").value("CD1-9"))
                .andExpect(jsonPath("$[0].candidates").value(2))
                .andExpect(jsonPath("$[0].createdAt", notNullValue()))
                .andExpect(jsonPath("$[0].taskId", notNullValue()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(reviews).doesNotContainIgnoringCase("vries").doesNotContain("1975", "P-1", "P-2");

        mvc.perform(get("/api/campaigns/{id}/unlinked-records", id).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].dataset").value(2))
                .andExpect(jsonPath("$[0].lab_record_id").value("CD2-7"))
                .andExpect(jsonPath("$[0].has_bsn").value(false))
                .andExpect(jsonPath("$[0].has_birth_date").value(true));
        mvc.perform(get("/api/campaigns/{id}/rejected-rows.csv", id).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk());

        mvc.perform(get("/api/campaigns/{id}/reviews/summary", id)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/campaigns/{id}/reviews/summary", 999_999).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isNotFound());
    }
}
