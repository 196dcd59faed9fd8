package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.breachnotify.campaign.Campaign;
import org.breachnotify.support.Api;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.context.WebApplicationContext;

/**
 * Files with absurd numbers of bad rows: junk is refused after its first thousand rejected rows, naming the cause;
 * a large dirty file is imported whole, with its first 10,000 rejected rows listed and the rest counted.
 */
@ProcessTestContext
class AbsurdFilesTest {
    private static final String TOO_FEW_VALUES = "line has 3 values but the header has 17 columns (a value containing"
            + " a comma must be in double quotes)";

    @Autowired
    CampaignFixture fixture;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WebApplicationContext web;

    private Campaign campaign;

    @BeforeEach
    void setUp() {
        campaign = fixture.newCampaign();
    }

    @Test
    void aFileOfJunkIsRefusedAfterItsFirstThousandRejectedRowsNamingTheCause() {
        List<String> lines = new ArrayList<>();
        lines.add(PARTICIPANTS_HEADER);
        for (int i = 0; i < 200_000; i++) {
            lines.add("junk,%d,more junk".formatted(i));
        }

        ImportResult result = fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants-junk.csv",
                lines.toArray(String[]::new));

        assertThat(result.status()).isEqualTo(ImportResult.REFUSED);
        assertThat(result.message()).isEqualTo("participants-junk.csv: refused at line 1001: 1,000 of the 1,000 rows"
                + " read up to there were rejected, more than were accepted, so this is not a file to import in part;"
                + " nothing of it was imported. Most frequent reasons: \"" + TOO_FEW_VALUES + "\" (1,000 rows, the"
                + " first on line 2). Correct the file (or check that it is the file meant) and send it again");
        assertThat(result.read()).isZero();
        assertThat(rejectedRowsKept(result)).isZero();
        assertThat(people()).isZero();

        ImportResult again = fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants-junk.csv",
                lines.toArray(String[]::new));
        assertThat(again.alreadyImported()).isTrue();
        assertThat(again.status()).isEqualTo(ImportResult.REFUSED);
        assertThat(again.message()).isEqualTo(result.message());
    }

    @Test
    void aLargeDirtyFileIsImportedWholeWithItsFirstTenThousandRejectionsListedAndTheRestCounted() throws Exception {
        List<String> register = register(31_500);

        ImportResult result = fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv",
                register.toArray(String[]::new));

        assertThat(result.status()).isEqualTo(ImportResult.IMPORTED);
        assertThat(result.read()).isEqualTo(31_500);
        assertThat(result.accepted()).isEqualTo(21_000);
        assertThat(result.rejected()).isEqualTo(10_500);
        assertThat(people()).isEqualTo(21_000);
        assertThat(rejectedRowsKept(result)).isEqualTo(RejectionLog.LISTED_PER_FILE);
        assertThat(result.message()).isEqualTo("500 more rejected rows are counted but not listed: the first 10,000"
                + " rejected rows of a file are kept with line and reason");
        assertThat(jdbc.queryForObject("select max(line_number) from rejected_row where import_file_id = ?",
                Long.class, result.importFileId())).as("the first ones, in file order").isEqualTo(30_001);

        List<String> download = Api.client(web).perform(get("/api/campaigns/{id}/rejected-rows.csv", campaign.id())
                        .header(Api.AUTHORIZATION, Api.ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)
                .lines().toList();
        assertThat(download).hasSize(1 + 10_000 + 1);
        assertThat(download.get(10_000)).startsWith("\"participants.csv\",\"PARTICIPANTS\",30001,\"P-29999\",");
        assertThat(download.get(10_001)).isEqualTo("\"participants.csv\",\"PARTICIPANTS\",,,\"500 more rejected rows"
                + " are counted but not listed: the first 10,000 rejected rows of a file are kept with line and"
                + " reason\"");
    }

    @Test
    void repeatsBeyondTheListAreCountedTooAndANewPersonInARepeatedFileIsNotLost() {
        List<String> register = register(31_500);
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", register.toArray(String[]::new));

        // A later extract: everyone accepted before once more (repeats), and one new person.
        List<String> later = new ArrayList<>(register.stream().filter(l -> !l.contains("0123 AB")).toList());
        later.add(participant("P-NEW", TestBsn.valid(99_999), "Nieuw", "1980-01-01", "1012 AB", "false", null));
        ImportResult result = fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants-2.csv",
                later.toArray(String[]::new));

        assertThat(result.read()).isEqualTo(21_001);
        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(21_000);
        assertThat(rejectedRowsKept(result)).isEqualTo(RejectionLog.LISTED_PER_FILE);
        assertThat(result.message()).startsWith("11,000 more rejected rows are counted but not listed");
        assertThat(result.firstRejections().get(0).reason()).isEqualTo("participant_id P-0 repeats an earlier file");
        assertThat(people()).isEqualTo(21_001);
    }

    /** Two good rows, then one with a postcode no Dutch address has, and so on. */
    private static List<String> register(int rows) {
        List<String> lines = new ArrayList<>();
        lines.add(PARTICIPANTS_HEADER);
        for (int i = 0; i < rows; i++) {
            lines.add(participant("P-" + i, TestBsn.valid(1_000 + i), "Berg", "1968-04-12",
                    i % 3 == 2 ? "0123 AB" : "1012 AB", "false", null));
        }
        return lines;
    }

    private long rejectedRowsKept(ImportResult result) {
        return jdbc.queryForObject("select count(*) from rejected_row where import_file_id = ?", Long.class,
                result.importFileId());
    }

    private long people() {
        return jdbc.queryForObject("select count(*) from person where campaign_id = ?", Long.class, campaign.id());
    }
}
