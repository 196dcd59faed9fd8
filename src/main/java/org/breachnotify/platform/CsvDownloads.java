package org.breachnotify.platform;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Sends a CSV download of any length with bounded memory: rows go to the client as they are produced (typically
 * from {@link StreamingQueries}) through one 64 KB buffer, as {@link SpreadsheetCsv} (no value can act as a
 * formula). A download holds a database connection while it runs, so at most {@link #AT_ONCE} run at once on a node;
 * another is answered 503 with {@code Retry-After} instead of starving the job executor of connections.
 *
 * <p>A failure before anything was sent is answered 500 with a sentence. After the first bytes the status cannot
 * change any more, so the failure is logged and the connection closed without ending the response: the client sees
 * a broken transfer (curl: "transfer closed with outstanding read data remaining"; a browser: "network error"),
 * never a short file that looks complete.
 */
@Component
public class CsvDownloads {
    /** Downloads running at once on one node. */
    public static final int AT_ONCE = 4;
    private static final int BUFFER = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(CsvDownloads.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Semaphore running = new Semaphore(AT_ONCE);

    /** Writes the rows of one download. */
    @FunctionalInterface
    public interface Body {
        void write(Rows rows);
    }

    /** Where a {@link Body} puts its rows, one at a time. */
    public static final class Rows {
        private final CSVPrinter out;
        private long written;

        private Rows(CSVPrinter out) {
            this.out = out;
        }

        /** One record; text values neutralised as {@link SpreadsheetCsv#printRecord} does. */
        public void print(Object... values) {
            try {
                SpreadsheetCsv.printRecord(out, values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written++;
        }

        public long written() {
            return written;
        }
    }

    /**
     * Sends {@code fileName} as an attachment with the given header row and the rows {@code body} writes.
     *
     * @param what names the download in logs and error answers, e.g. "rejected rows of campaign 7" (ids only)
     * @throws IOException when the client went away (nothing more to do)
     * @throws DownloadBrokenOffException after the first bytes were sent, so that the container closes the connection
     */
    public void send(HttpServletResponse response, String fileName, String what, String[] header, Body body)
            throws IOException {
        if (!running.tryAcquire()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "30");
            error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, AT_ONCE + " downloads are running on this"
                    + " server already; try again in half a minute");
            return;
        }
        Rows rows = null;
        try {
            response.setContentType("text/csv; charset=UTF-8");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            // Not closed, also not on success: closing would end the response, which after a failure must stay open
            // until the container drops the connection.
            CSVPrinter out = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(response.getOutputStream(),
                    StandardCharsets.UTF_8), BUFFER), SpreadsheetCsv.format(header));
            rows = new Rows(out);
            body.write(rows);
            out.flush();
            log.info("Sent {} ({} rows)", what, rows.written());
        } catch (UncheckedIOException e) {
            log.info("Download of {} stopped after {} rows: the client closed the connection ({})", what,
                    rows == null ? 0 : rows.written(), e.getCause().getMessage());
            throw e.getCause();
        } catch (RuntimeException e) {
            long written = rows == null ? 0 : rows.written();
            String cause = String.valueOf(NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            if (!response.isCommitted()) {
                log.warn("Download of {} failed before anything was sent: {}", what, cause);
                response.reset();
                error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "the download of " + what
                        + " failed before anything was sent; try again, and tell the administrator if it fails again");
                return;
            }
            log.warn("Download of {} broke off after {} rows; the connection is closed so that the client sees an"
                    + " incomplete transfer: {}", what, written, cause);
            throw new DownloadBrokenOffException(what, written, e);
        } finally {
            running.release();
        }
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(Map.of("error", message)));
    }

    /**
     * A download failed after its first bytes were sent. Deliberately handled by nobody in the application, so that
     * the servlet container, finding the response committed, closes the connection without ending it.
     */
    public static final class DownloadBrokenOffException extends RuntimeException {
        DownloadBrokenOffException(String what, long rows, Throwable cause) {
            super("the download of " + what + " broke off after " + rows + " rows", cause);
        }
    }
}
