package org.breachnotify.intake;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Sits between the decoder and the CSV parser and keeps any one line or row from filling memory.
 * <p>
 * A physical line (ended by LF, CRLF or CR, as an editor counts them) longer than {@code maxLineChars} is handed
 * to the parser as an empty line and remembered, so that the engine rejects just that row and reads on. Lines are
 * held back until their line end is seen, so nothing of an over-long line reaches the parser. Independently, the
 * characters handed over since {@link #startRecord()} are counted: a row spanning more than {@code maxRecordChars}
 * is a double quote that is never closed, swallowing the lines after it.
 */
final class LineGuardReader extends Reader {
    private static final int CHUNK = 8192;

    private final Reader in;
    private final int maxLineChars;
    private final int maxRecordChars;
    private final char[] chunk = new char[CHUNK];
    private final ArrayDeque<Long> overlongLines = new ArrayDeque<>();

    /** Held text: [start, end); [start, releasable) is complete lines, the rest the line being read. */
    private char[] held = new char[4 * CHUNK];
    private int start;
    private int releasable;
    private int end;

    private long lineBreaks;
    private int lineLength;
    private boolean afterCr;
    private boolean skipping;
    private boolean eof;

    private long handedOver;
    private long recordStart;

    LineGuardReader(Reader in, int maxLineChars, int maxRecordChars) {
        this.in = in;
        this.maxLineChars = maxLineChars;
        this.maxRecordChars = maxRecordChars;
    }

    void startRecord() {
        recordStart = handedOver;
    }

    /** Whether a line up to and including {@code lastLine} was too long; forgets those lines. */
    boolean overlongUpTo(long lastLine) {
        boolean found = false;
        while (!overlongLines.isEmpty() && overlongLines.peekFirst() <= lastLine) {
            overlongLines.pollFirst();
            found = true;
        }
        return found;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (releasable == start) {
            if (eof) {
                if (start < end) {
                    // The last line has no line end: it is complete now.
                    releasable = end;
                    break;
                }
                return -1;
            }
            fill();
        }
        int n = Math.min(length, releasable - start);
        System.arraycopy(held, start, buffer, offset, n);
        start += n;
        handedOver += n;
        if (handedOver - recordStart > maxRecordChars) {
            throw new RecordTooLongException();
        }
        return n;
    }

    private void fill() throws IOException {
        int n = in.read(chunk, 0, CHUNK);
        if (n < 0) {
            eof = true;
            if (skipping) {
                // An over-long last line without a line end still needs a (now empty) row to be rejected.
                skipping = false;
                makeRoom(1);
                held[end++] = '\n';
                releasable = end;
            }
            return;
        }
        makeRoom(n);
        char[] c = chunk;
        int i = 0;
        while (i < n) {
            // A run of characters up to the next line end, copied (or skipped) in one go.
            int j = i;
            while (j < n && c[j] != '\n' && c[j] != '\r') {
                j++;
            }
            if (j > i) {
                afterCr = false;
                if (!skipping) {
                    if (lineLength + (j - i) > maxLineChars) {
                        overlongLines.addLast(lineBreaks + 1);
                        skipping = true;
                        end = releasable;
                    } else {
                        System.arraycopy(c, i, held, end, j - i);
                        end += j - i;
                        lineLength += j - i;
                    }
                }
            }
            if (j < n) {
                char lineEnd = c[j];
                if (lineEnd == '\r' || !afterCr) {
                    lineBreaks++;
                }
                afterCr = lineEnd == '\r';
                skipping = false;
                lineLength = 0;
                held[end++] = lineEnd;
                releasable = end;
            }
            i = j + 1;
        }
    }

    /** Ensures room for {@code n} more characters after {@code end}, moving held text to the front first. */
    private void makeRoom(int n) {
        if (start > 0) {
            System.arraycopy(held, start, held, 0, end - start);
            releasable -= start;
            end -= start;
            start = 0;
        }
        if (end + n > held.length) {
            char[] bigger = new char[Math.max(held.length * 2, end + n)];
            System.arraycopy(held, 0, bigger, 0, end);
            held = bigger;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    static final class RecordTooLongException extends IOException {
        RecordTooLongException() {
            super("record too long");
        }
    }
}
