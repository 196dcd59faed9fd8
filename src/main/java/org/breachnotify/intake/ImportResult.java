package org.breachnotify.intake;

import java.util.List;

/**
 * The outcome of one file: {@code read == accepted + rejected}. A refused file has a message and no rows.
 * {@code alreadyImported} tells that the same bytes were imported before and nothing changed now.
 */
public record ImportResult(long importFileId, String fileName, FileType type, String status, long read, long accepted,
                           long rejected, String message, boolean alreadyImported, List<Rejection> firstRejections) {
    public static final String IMPORTED = "IMPORTED";
    public static final String REFUSED = "REFUSED";
}
