package org.breachnotify.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;
import org.breachnotify.support.Api;
import org.breachnotify.support.ProcessTestContext;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** Creating a campaign over REST: settings out of range are refused with a 400 naming the field, and never stored. */
@ProcessTestContext
class CampaignCreationTest {
    @Autowired
    WebApplicationContext web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CampaignService campaigns;

    private MockMvc mvc;
    private String code;

    @BeforeEach
    void setUp() {
        mvc = Api.client(web);
        code = "c-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String request(String field, String json) {
        return "{\"code\":\"" + code + "\",\"name\":\"Settings test\"" + (field == null ? "" : ",\"" + field + "\":"
                + json) + "}";
    }

    private long stored() {
        return jdbc.queryForObject("select count(*) from campaign where code = ?", Long.class, code);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "roundInterval  | \"PT0S\"       | roundInterval must be from PT1S to P1D",
            "roundInterval  | \"P2D\"        | roundInterval must be from PT1S to P1D",
            "roundInterval  | \"1 minute\"   | roundInterval must be an ISO-8601 duration from PT1S to P1D",
            "returnWindow   | \"P-1D\"       | returnWindow must be from PT1S to P1Y (it is negative)",
            "returnWindow   | \"PT0S\"       | returnWindow must be from PT1S to P1Y",
            "returnWindow   | \"P\"          | returnWindow must be an ISO-8601 duration from PT1S to P1Y",
            "batchSize      | 0              | batchSize must be a whole number from 1 to 100000",
            "batchSize      | -1             | batchSize must be a whole number from 1 to 100000",
            "batchSize      | 1000000        | batchSize must be a whole number from 1 to 100000",
            "batchSize      | \"lots\"       | 'batchSize' has a value that is not allowed; a whole number",
            "batchSize      | 1.5            | 'batchSize' has a value that is not allowed; a whole number",
            "roundInterval  | 60             | roundInterval must be an ISO-8601 duration from PT1S to P1D",
            "roundInterval  | []             | 'roundInterval' has a value that is not allowed; text",
            "roundInterval  | \"PT1M         | the request body is not valid JSON",
            "batchMaxWait   | \"-PT1S\"      | batchMaxWait must be from PT0S to P7D (it is negative)",
            "batchMaxWait   | \"P1M\"        | batchMaxWait must be from PT0S to P7D",
            "batchMaxWait   | \"\"           | batchMaxWait must be an ISO-8601 duration from PT0S to P7D",
            "letterTemplates| \"v999\"       | letterTemplates must name an existing letter template set",
            "letterTemplates| \"../v1\"      | letterTemplates must name a template set version"})
    void a_setting_out_of_range_is_refused_naming_the_field_and_nothing_is_stored(String field, String json,
                                                                                 String message) throws Exception {
        mvc.perform(post("/api/campaigns").header(Api.AUTHORIZATION, Api.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content(request(field, json)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error", Matchers.startsWith(message)));

        assertThat(stored()).isZero();
    }

    @Test
    void periods_durations_and_mixed_forms_are_stored_as_given_and_read_by_their_length() throws Exception {
        mvc.perform(post("/api/campaigns").header(Api.AUTHORIZATION, Api.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + code + "\","
                                + "\"roundInterval\":\"PT1H30M\",\"returnWindow\":\"P1M\",\"batchSize\":100000,"
                                + "\"batchMaxWait\":\"P1DT2H\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.settings.returnWindow").value("P1M"));

        Map<String, Object> row = jdbc.queryForMap("select round_interval, return_window, batch_size, batch_max_wait"
                + " from campaign where code = ?", code);
        assertThat(row).containsEntry("round_interval", "PT1H30M").containsEntry("return_window", "P1M")
                .containsEntry("batch_size", 100000).containsEntry("batch_max_wait", "P1DT2H");
        CampaignSettings settings = campaigns.findByCode(code).orElseThrow().settings();
        assertThat(settings.batchMaxWaitDuration()).hasHours(26);
    }

    @Test
    void settings_left_out_come_from_the_defaults() throws Exception {
        mvc.perform(post("/api/campaigns").header(Api.AUTHORIZATION, Api.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content(request(null, null)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.settings.roundInterval").value("PT1M"))
                .andExpect(jsonPath("$.settings.returnWindow").value("P42D"))
                .andExpect(jsonPath("$.settings.batchSize").value(5000))
                .andExpect(jsonPath("$.settings.batchMaxWait").value("PT10M"))
                .andExpect(jsonPath("$.settings.letterTemplates").value("v1"));
        assertThat(stored()).isOne();
    }
}
