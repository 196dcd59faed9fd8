package org.breachnotify.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.breachnotify.campaign.Campaign;
import org.breachnotify.intake.FileType;
import org.breachnotify.printhouse.PrintBatchService;
import org.breachnotify.support.Api;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** The letter archive: what is kept per letter, the regenerated download and its checks. */
@ProcessTestContext
class LetterArchiveTest {

    @Autowired
    WebApplicationContext web;
    @Autowired
    CampaignFixture fixture;
    @Autowired
    PrintBatchService batches;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${breachnotify.export-dir}")
    Path exportDir;

    private MockMvc mvc;
    private Campaign campaign;
    private String letter;

    @BeforeEach
    void aPersonWithALetter() {
        mvc = Api.client(web);
        campaign = fixture.newCampaign();
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(41), "Đặng", "1968-04-12", "1012 AB", "false", null));
        fixture.matchAndStartJourneys(campaign);
        letter = fixture.currentLetterOf(fixture.personId(campaign, "P-1"));
    }

    @Test
    void aPrintedLetterIsArchivedAndDownloadsAsTheIdenticalPdf() throws Exception {
        List<String> delivered = batches.cutAndDeliver(fixture.campaign(campaign.id()));
        assertThat(delivered).hasSize(1);

        String hash = jdbc.queryForObject("select content_sha256 from letter where id = ?", String.class, letter);
        assertThat(hash).matches("[0-9a-f]{64}");
        mvc.perform(get("/api/letters/{id}", letter).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.templateVersion").value("v1"))
                .andExpect(jsonPath("$.templateFingerprint").isString())
                .andExpect(jsonPath("$.contentSha256").value(hash))
                .andExpect(jsonPath("$.renderedAt").isString())
                .andExpect(jsonPath("$.kind").value("FIRST"))
                .andExpect(jsonPath("$.batchId").value(delivered.get(0)));
        byte[] first = pdf(letter);
        byte[] second = pdf(letter);
        assertThat(second).isEqualTo(first);
        assertThat(PdfInspection.flatText(first)).contains("Đặng", letter);

        String manifest = Files.readString(exportDir.resolve(delivered.get(0)).resolve(delivered.get(0) + ".csv"));
        assertThat(manifest).contains(letter + ",GROUP_3,nl,v1,2,1,");
        mvc.perform(get("/api/campaigns/{id}/participants/{participant}/letters", campaign.id(), "P-1")
                        .header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].letterId").value(letter))
                .andExpect(jsonPath("$[0].group").value("GROUP_3"));
    }

    @Test
    void aLetterThatNoLongerRegeneratesToWhatWasPrintedIsRefused() throws Exception {
        batches.cutAndDeliver(fixture.campaign(campaign.id()));
        jdbc.update("update letter set surname = 'Someone else' where id = ?", letter);

        mvc.perform(get("/api/letters/{id}/pdf", letter).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("does not regenerate")));
    }

    @Test
    void aLetterPrintedUnderTheFirstAddressRulesRegeneratesAsPrinted() throws Exception {
        assertThat(jdbc.queryForObject("select address_layout from letter where id = ?", Integer.class, letter))
                .isEqualTo(AddressLayout.CURRENT.version());
        jdbc.update("update letter set house_letter = 'a', house_number_suffix = '2', address_layout = 1 where id = ?",
                letter);
        batches.cutAndDeliver(fixture.campaign(campaign.id()));

        String text = PdfInspection.flatText(pdf(letter));
        assertThat(text).containsPattern(" [0-9]+a-2 ").doesNotContainPattern(" [0-9]+ a2 ");

        jdbc.update("update letter set address_layout = ? where id = ?", AddressLayout.POSTAL_ORDER.version(), letter);
        mvc.perform(get("/api/letters/{id}/pdf", letter).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("does not regenerate")));
    }

    @Test
    void changedTemplateFilesAreRefusedRatherThanPrintedUnderTheOldVersion() throws Exception {
        jdbc.update("update letter set template_fingerprint = 'edited-after-use' where id = ?", letter);

        mvc.perform(get("/api/letters/{id}/pdf", letter).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("template set v1 has changed")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> batches.cutAndDeliver(fixture.campaign(campaign.id())))
                .hasMessageContaining("template set v1 has changed");
    }

    @Test
    void anUnknownLetterIsNotFoundAndACampaignCannotNameAMissingTemplateSet() throws Exception {
        mvc.perform(get("/api/letters/{id}/pdf", "LTR-NONE-NONE-NONE").header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/campaigns").header(Api.AUTHORIZATION, Api.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"tpl-missing\",\"letterTemplates\":\"v9\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("template set v9")));
    }

    private byte[] pdf(String letterId) throws Exception {
        return mvc.perform(get("/api/letters/{id}/pdf", letterId).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    }
}
