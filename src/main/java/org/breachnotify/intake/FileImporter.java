package org.breachnotify.intake;

import java.io.IOException;
import java.io.InputStream;

/**
 * Stores the rows of one kind of file. Called by {@link ImportService} inside the file's transaction; writes its
 * rejections through the given {@link RejectionLog}.
 */
public interface FileImporter {

    FileType type();

    ReadCounts importRows(ImportContext context, InputStream in) throws IOException, FileRefusedException;

    /** What an importer needs to know about the file it stores. */
    record ImportContext(long campaignId, long importFileId, String fileName, RejectionLog rejections) {
    }
}
