package org.breachnotify.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletResponse;

/** How a CSV download answers: whole, refused while others run, failed before or broken off after the first bytes. */
class CsvDownloadsTest {
    private static final String[] HEADER = {"file", "line", "reason"};

    private final CsvDownloads downloads = new CsvDownloads();

    @Test
    void rowsAreWrittenSpreadsheetSafeAfterTheHeader() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        downloads.send(response, "rejected-rows-7.csv", "rejected rows of campaign 7", HEADER, rows -> {
            rows.print("=HYPERLINK(\"http://evil.example\",\"open\").csv", 2L, "dataset must be 1 or 2");
            rows.print("participants.csv", 3L, null);
        });

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/csv");
        assertThat(response.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"rejected-rows-7.csv\"");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("""
                "file","line","reason"
                "'=HYPERLINK(""http://evil.example"",""open"").csv",2,"dataset must be 1 or 2"
                "participants.csv",3,
                """);
    }

    @Test
    void aFailureBeforeAnythingWasSentIsAnsweredWithAnErrorInsteadOfAFile() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        downloads.send(response, "rejected-rows-7.csv", "rejected rows of campaign 7", HEADER, rows -> {
            throw new DataAccessResourceFailureException("the database went away");
        });

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getHeader("Content-Disposition")).isNull();
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .contains("the download of rejected rows of campaign 7 failed before anything was sent")
                .doesNotContain("file,line", "database went away");
    }

    @Test
    void aFailureAfterTheFirstBytesLeavesTheResponseUnfinishedForTheContainerToBreakOff() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThatThrownBy(() -> downloads.send(response, "rejected-rows-7.csv", "rejected rows of campaign 7", HEADER,
                rows -> {
                    for (int i = 0; i < 10_000; i++) {
                        rows.print("participants.csv", (long) i, "line has 3 values but the header has 17 columns");
                    }
                    throw new DataAccessResourceFailureException("the database went away");
                }))
                .isInstanceOf(CsvDownloads.DownloadBrokenOffException.class)
                .hasMessage("the download of rejected rows of campaign 7 broke off after 10000 rows");
        assertThat(response.isCommitted()).isTrue();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void whileTheMostDownloadsRunTheNextIsAskedToComeBackLater() throws Exception {
        CountDownLatch started = new CountDownLatch(CsvDownloads.AT_ONCE);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CsvDownloads.AT_ONCE);
        List<Future<MockHttpServletResponse>> running = new ArrayList<>();
        try {
            for (int i = 0; i < CsvDownloads.AT_ONCE; i++) {
                running.add(clients.submit(() -> {
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    downloads.send(response, "slow.csv", "a slow download", HEADER, rows -> {
                        started.countDown();
                        try {
                            finish.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        rows.print("participants.csv", 2L, "reason");
                    });
                    return response;
                }));
            }
            started.await();

            MockHttpServletResponse refused = new MockHttpServletResponse();
            downloads.send(refused, "one-more.csv", "one download too many", HEADER, rows -> {
                throw new AssertionError("must not run");
            });
            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("30");
            assertThat(refused.getContentAsString(StandardCharsets.UTF_8))
                    .contains(CsvDownloads.AT_ONCE + " downloads are running on this server already");
        } finally {
            finish.countDown();
            for (Future<MockHttpServletResponse> download : running) {
                assertThat(download.get().getStatus()).isEqualTo(200);
            }
            clients.shutdown();
        }

        MockHttpServletResponse afterwards = new MockHttpServletResponse();
        downloads.send(afterwards, "again.csv", "a download afterwards", HEADER, rows -> rows.print("a.csv", 2L, "r"));
        assertThat(afterwards.getStatus()).isEqualTo(200);
    }
}
