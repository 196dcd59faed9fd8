package org.breachnotify.intake;

import org.breachnotify.platform.CsvDownloads;
import org.breachnotify.platform.StreamingQueries;
import org.springframework.stereotype.Service;

/**
 * Every rejected row of a campaign's files, in file and line order, read through a cursor so that any number of
 * rows passes with bounded memory. A file with rejections beyond the {@link RejectionLog#LISTED_PER_FILE} it keeps
 * ends with one row saying how many more there were.
 */
@Service
public class RejectedRows {
    public static final String[] HEADER = {"file", "file_type", "line", "key", "reason"};

    private final StreamingQueries queries;

    public RejectedRows(StreamingQueries queries) {
        this.queries = queries;
    }

    public void write(long campaignId, CsvDownloads.Rows out) {
        queries.forEachRow("""
                select f.id, f.file_name, f.file_type, r.line_number, r.record_key, r.reason, 0 not_listed
                from import_file f join rejected_row r on r.import_file_id = f.id
                where f.campaign_id = ?
                union all
                select f.id, f.file_name, f.file_type, null, null, null, f.rejected_not_listed
                from import_file f
                where f.campaign_id = ? and f.rejected_not_listed > 0
                order by 1, 7, 4""", rs -> {
            long notListed = rs.getLong(7);
            if (notListed == 0) {
                out.print(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6));
            } else {
                out.print(rs.getString(2), rs.getString(3), null, null, RejectionLog.notListedNote(notListed));
            }
        }, campaignId, campaignId);
    }
}
