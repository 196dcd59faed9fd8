package org.breachnotify.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rejected rows of one file, written in batches. The first {@link #LISTED_PER_FILE} are kept with line and
 * reason; any further ones are only counted, so that a file of millions of bad rows cannot fill the database or the
 * rejected-rows download. (A file whose rows are mostly bad is refused long before: {@link CsvEngine}.)
 */
public final class RejectionLog {
    /** Rejected rows of one file kept with line and reason: a longer list would not make the cause any clearer. */
    public static final int LISTED_PER_FILE = 10_000;
    private static final int FLUSH_AT = 1000;

    private final JdbcTemplate jdbc;
    private final long importFileId;
    private final List<Rejection> buffer = new ArrayList<>();
    private long listed;
    private long notListed;

    RejectionLog(JdbcTemplate jdbc, long importFileId) {
        this.jdbc = jdbc;
        this.importFileId = importFileId;
    }

    public void add(Rejection rejection) {
        if (listed >= LISTED_PER_FILE) {
            notListed++;
            return;
        }
        buffer.add(rejection);
        listed++;
        if (buffer.size() >= FLUSH_AT) {
            flush();
        }
    }

    /** Every rejection of the file, listed or not. */
    public long count() {
        return listed + notListed;
    }

    /** Rejections counted but not kept with line and reason. */
    public long notListed() {
        return notListed;
    }

    /** How many more rejections may still be listed, for a set-based pass that writes them itself. */
    long room() {
        return LISTED_PER_FILE - listed;
    }

    /** A set-based pass rejected {@code rejected} rows and listed {@code listedNow} of them (at most {@link #room}). */
    void addedElsewhere(long rejected, long listedNow) {
        listed += listedNow;
        notListed += rejected - listedNow;
    }

    /** The sentence an imported file's result carries when some of its rejections are not listed. */
    static String notListedNote(long notListed) {
        return String.format(Locale.ROOT, "%,d more rejected rows are counted but not listed: the first %,d rejected"
                + " rows of a file are kept with line and reason", notListed, LISTED_PER_FILE);
    }

    void flush() {
        jdbc.batchUpdate("insert into rejected_row (import_file_id, line_number, record_key, reason) values (?,?,?,?)",
                buffer, FLUSH_AT, (ps, r) -> {
                    ps.setLong(1, importFileId);
                    ps.setLong(2, r.line());
                    ps.setString(3, r.key());
                    ps.setString(4, r.reason());
                });
        buffer.clear();
    }
}
