package org.breachnotify.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.breachnotify.support.Api;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** Feeding files over REST: results per file, safe re-uploads, refusals and the rejected-rows download. */
@ProcessTestContext
class FileUploadTest {
    @Autowired
    WebApplicationContext web;
    @Autowired
    CampaignFixture fixture;
    @Autowired
    JdbcTemplate jdbc;


    private MockMvc mvc;
    private Campaign campaign;

    @BeforeEach
    void setUp() {
        mvc = Api.client(web);
        campaign = fixture.newCampaign();
    }

    @Test
    void anUploadedRegisterIsImportedAndUploadingItAgainChangesNothing() throws Exception {
        MockMultipartFile register = csv("participants-week1.csv", PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(31), "Berg", "1968-04-12", "1012 AB", "false", null),
                participant("P-2", TestBsn.valid(32), "Smit", "1970-01-01", "0123 AB", "false", null));

        mvc.perform(multipart("/api/campaigns/{id}/files", campaign.id()).file(register).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("PARTICIPANTS"))
                .andExpect(jsonPath("$.read").value(2))
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.firstRejections[0].line").value(3))
                .andExpect(jsonPath("$.alreadyImported").value(false));
        mvc.perform(multipart("/api/campaigns/{id}/files", campaign.id()).file(register).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.alreadyImported").value(true));

        assertThat(jdbc.queryForObject("select count(*) from person where campaign_id = ?", Long.class,
                campaign.id())).isEqualTo(1);
        String rejected = mvc.perform(get("/api/campaigns/{id}/rejected-rows.csv", campaign.id()).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(rejected.lines().toList()).hasSize(2);
        assertThat(rejected.lines().skip(1).findFirst().orElseThrow())
                .startsWith("\"participants-week1.csv\",\"PARTICIPANTS\",3,\"P-2\",").containsIgnoringCase("postcode");
    }

    @Test
    void valuesASpreadsheetWouldRunAsFormulasAreWrittenAsTextInTheRejectedRows() throws Exception {
        MockMultipartFile leaked = csv("=HYPERLINK(\"evil.example\",\"open\").csv",
                "dataset,lab_record_id,bsn,surname,birth_date,postcode",
                "3,@SUM(1+1),,,,",
                "x,-2+3,,,,",
                "1,+31 20 1234567,123456789,,,");
        mvc.perform(multipart("/api/campaigns/{id}/files", campaign.id()).file(leaked).param("type", "LEAKED_RECORDS")
                        .header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rejected").value(3));

        String body = mvc.perform(get("/api/campaigns/{id}/rejected-rows.csv", campaign.id())
                        .header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body)).getRecords();
        assertThat(rows).extracting(r -> r.get("file")).containsOnly("'=HYPERLINK(\"evil.example\",\"open\").csv");
        assertThat(rows).extracting(r -> r.get("key")).containsExactly("'@SUM(1+1)", "'-2+3", "'+31 20 1234567");
        assertThat(rows).extracting(r -> r.get("line")).containsExactly("2", "3", "4");
        // quoted, so that a spreadsheet splitting on ';' (Dutch settings) keeps every value in its cell
        assertThat(body.lines().skip(1)).allSatisfy(line -> assertThat(line).startsWith("\"'=HYPERLINK("));
    }

    @Test
    void aFileWithoutARequiredColumnIsRefusedWholeWithTheColumnNamed() throws Exception {
        MockMultipartFile noBsn = csv("participants.csv", "participant_id,surname,birth_date,street,house_number,"
                + "postcode,city", "P-1,Berg,1968-04-12,Kerkstraat,12,1012 AB,Amsterdam");

        mvc.perform(multipart("/api/campaigns/{id}/files", campaign.id()).file(noBsn).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REFUSED"))
                .andExpect(jsonPath("$.message", org.hamcrest.Matchers.containsString("bsn")))
                .andExpect(jsonPath("$.accepted").value(0));
        assertThat(jdbc.queryForObject("select count(*) from person where campaign_id = ?", Long.class,
                campaign.id())).isZero();
    }

    @Test
    void aFileWhoseTypeCannotBeToldIsRefusedWithAHint() throws Exception {
        mvc.perform(multipart("/api/campaigns/{id}/files", campaign.id()).file(csv("export.csv", "a,b", "1,2"))
                        .header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error", org.hamcrest.Matchers.containsString("participants*.csv")));
    }

    @Test
    void anUnknownCampaignAnswersNotFound() throws Exception {
        mvc.perform(get("/api/campaigns/{id}/report", 999_999).header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isNotFound());
    }

    @Test
    void theApiAdmitsOnlyTheEnginesUsers() throws Exception {
        mvc.perform(get("/api/campaigns")).andExpect(status().isUnauthorized());
        // Not admin with a wrong password: the engine would then delay admin's next logins (brute-force guard).
        mvc.perform(get("/api/campaigns").header(Api.AUTHORIZATION, Api.basic("nobody", "guess")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/campaigns").header(Api.AUTHORIZATION, Api.ADMIN)).andExpect(status().isOk());
    }


    private static MockMultipartFile csv(String name, String... lines) {
        return new MockMultipartFile("file", name, "text/csv",
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
