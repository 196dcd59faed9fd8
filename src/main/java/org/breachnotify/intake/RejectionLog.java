package org.breachnotify.intake;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Buffers rejected rows of one file and writes them in batches. */
public final class RejectionLog {
    private static final int FLUSH_AT = 1000;

    private final JdbcTemplate jdbc;
    private final long importFileId;
    private final List<Rejection> buffer = new ArrayList<>();
    private long count;

    RejectionLog(JdbcTemplate jdbc, long importFileId) {
        this.jdbc = jdbc;
        this.importFileId = importFileId;
    }

    public void add(Rejection rejection) {
        buffer.add(rejection);
        count++;
        if (buffer.size() >= FLUSH_AT) {
            flush();
        }
    }

    public long count() {
        return count;
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
