package org.breachnotify.intake;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Stores the rows of one kind of file. Called by {@link ImportService} inside the file's transaction; writes its
 * rejections through the given {@link RejectionLog}.
 */
public interface FileImporter {

    FileType type();

    ReadCounts importRows(ImportContext context, InputStream in) throws IOException, FileRefusedException;

    /**
     * The table a large file of this kind fills, whose planner statistics are refreshed after such a file: the step
     * that reads it next (matching, classification) runs at once, before autovacuum's analyse would come round, and
     * with statistics that still describe an empty or far smaller table PostgreSQL joins by nested loop (18 minutes
     * for matching 100,000 people instead of seconds). Empty for kinds that only update rows.
     */
    default Optional<String> filledTable() {
        return Optional.empty();
    }

    /** What an importer needs to know about the file it stores. */
    record ImportContext(long campaignId, long importFileId, String fileName, RejectionLog rejections) {
    }
}
