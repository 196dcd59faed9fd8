package org.breachnotify.intake;

import java.util.List;

import org.breachnotify.platform.CsvDownloads;
import org.breachnotify.platform.StreamingQueries;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Every rejected row of a campaign's files, in file and line order. Each file's rows are read through a cursor,
 * straight from the index on (file, line), so rows flow from the first moment and any number of them passes with
 * bounded memory, without the database sorting them first. A file with rejections beyond the
 * {@link RejectionLog#LISTED_PER_FILE} it keeps ends with one row saying how many more there were.
 */
@Service
public class RejectedRows {
    public static final String[] HEADER = {"file", "file_type", "line", "key", "reason"};

    private final JdbcTemplate jdbc;
    private final StreamingQueries queries;

    public RejectedRows(JdbcTemplate jdbc, StreamingQueries queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    public void write(long campaignId, CsvDownloads.Rows out) {
        // One row per file (a campaign has hundreds, not millions); refused files have no rejected rows.
        List<File> files = jdbc.query("""
                select id, file_name, file_type, rejected_not_listed from import_file
                where campaign_id = ? and rows_rejected > 0 order by id""",
                (rs, i) -> new File(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)), campaignId);
        for (File file : files) {
            queries.forEachRow("""
                    select line_number, record_key, reason from rejected_row
                    where import_file_id = ? order by line_number""",
                    rs -> out.print(file.name(), file.type(), rs.getLong(1), rs.getString(2), rs.getString(3)),
                    file.id());
            if (file.notListed() > 0) {
                out.print(file.name(), file.type(), null, null, RejectionLog.notListedNote(file.notListed()));
            }
        }
    }

    private record File(long id, String name, String type, long notListed) {
    }
}
