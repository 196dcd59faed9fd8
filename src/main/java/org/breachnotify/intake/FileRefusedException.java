package org.breachnotify.intake;

/**
 * The whole file is refused: a required column is missing from the header, the file has no header, or its CSV
 * structure is broken. The message names the file and the reason, e.g.
 * {@code participants.csv: required column 'bsn' is missing from the header}.
 */
public final class FileRefusedException extends Exception {
    private final String fileName;
    private final String reason;

    public FileRefusedException(String fileName, String reason) {
        super(fileName + ": " + reason);
        this.fileName = fileName;
        this.reason = reason;
    }

    public String fileName() {
        return fileName;
    }

    public String reason() {
        return reason;
    }
}
