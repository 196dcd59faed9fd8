package org.breachnotify.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.breachnotify.platform.StreamingQueries;
import org.breachnotify.support.Api;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rejected-rows download of a campaign whose files left 300,000 rejected rows behind (as a junk upload did
 * before files were refused and lists capped), over real HTTP: rows flow from a database cursor to the client while
 * it reads, all of them arrive, and a failure half-way breaks the transfer off instead of ending it like a file.
 */
@ProcessTestContext
class RejectedRowsDownloadTest {
    private static final int ROWS = 300_000;
    private static final String REASON = "line has 3 values but the header has 17 columns (a value containing a comma"
            + " must be in double quotes)";
    /** The statement the download runs, as pg_stat_activity shows it. */
    private static final String DOWNLOAD_QUERY = "%from rejected_row%where import_file_id = $1%order by line_number";

    @Autowired
    CampaignFixture fixture;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Campaign campaign;
    private long fileId;

    @BeforeEach
    void aCampaignWith300000RejectedRows() {
        campaign = fixture.newCampaign();
        fileId = jdbc.queryForObject("""
                insert into import_file (campaign_id, file_type, file_name, sha256, status, rows_read, rows_rejected)
                values (?, 'PARTICIPANTS', 'participants-junk.csv', md5(random()::text), 'IMPORTED', ?, ?)
                returning id""", Long.class, campaign.id(), ROWS, ROWS);
        jdbc.update("""
                insert into rejected_row (import_file_id, line_number, record_key, reason)
                select ?, g + 1, null, ? from generate_series(1, ?) g""", fileId, REASON, ROWS);
    }

    @AfterEach
    void dropTheRows() {
        jdbc.update("delete from rejected_row where import_file_id = ?", fileId);
    }

    @Test
    void rowsAreFetchedFromACursorWhileTheClientReadsAndEveryRowArrives() throws Exception {
        HttpResponse<InputStream> response = download();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/csv"));

        try (BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(body.readLine()).isEqualTo("\"file\",\"file_type\",\"line\",\"key\",\"reason\"");
            assertThat(body.readLine()).isEqualTo("\"participants-junk.csv\",\"PARTICIPANTS\",2,,\"" + REASON + "\"");

            // The client has read one row of 300,000; the rest are still in the database, behind an open cursor in
            // the download's own transaction. (Read whole before sending, the query would be over by now.)
            List<Map<String, Object>> download = downloadBackends();
            assertThat(download).as("the download's database session").hasSize(1);
            assertThat(download.get(0).get("state")).isIn("active", "idle in transaction");
            assertThat(download.get(0).get("xact_start")).as("runs inside a transaction").isNotNull();

            long rows = 1;
            long lastLine = 2;
            for (String line; (line = body.readLine()) != null; ) {
                rows++;
                lastLine = Long.parseLong(line.split(",")[2]);
            }
            assertThat(rows).isEqualTo(ROWS);
            assertThat(lastLine).isEqualTo(ROWS + 1);
        }
        assertThat(StreamingQueries.FETCH_SIZE).isLessThan(ROWS / 100);
    }

    @Test
    void aDatabaseFailureHalfWayBreaksTheTransferOffInsteadOfEndingItLikeAFile() throws Exception {
        HttpResponse<InputStream> response = download();
        assertThat(response.statusCode()).isEqualTo(200);
        InputStream body = response.body();
        assertThat(body.readNBytes(1000)).hasSize(1000);

        List<Map<String, Object>> download = downloadBackends();
        assertThat(download).hasSize(1);
        jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, download.get(0).get("pid"));

        // The client must not be able to take what it got for the whole file.
        assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        body.close();
        // The application carries on: the next download is whole.
        assertThat(downloadAll().lines().count()).isEqualTo(ROWS + 1);
    }

    private HttpResponse<InputStream> download() throws IOException, InterruptedException {
        return http.send(request(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private String downloadAll() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/campaigns/" + campaign.id()
                        + "/rejected-rows.csv"))
                .header(Api.AUTHORIZATION, Api.ADMIN).timeout(Duration.ofSeconds(60)).GET().build();
    }

    private List<Map<String, Object>> downloadBackends() {
        return jdbc.queryForList("""
                select pid, state, xact_start from pg_stat_activity
                where query like ? and pid <> pg_backend_pid() and state <> 'idle'""", DOWNLOAD_QUERY);
    }
}
