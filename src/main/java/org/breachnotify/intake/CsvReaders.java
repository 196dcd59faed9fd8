package org.breachnotify.intake;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;

/**
 * Streaming, validating readers for the CSV exchange formats of FORMATS.md that intake imports itself (participants,
 * leaked records); the formats of later stages live with the capability they feed and are read with
 * {@link CsvEngine#read} by the same rules.
 * <p>
 * Every data row goes to the sink, in file order, as accepted or rejected (with its physical line number and a
 * reason); the returned counts always satisfy read = accepted + rejected. Blank lines are skipped and not counted.
 * Duplicates across rows are not checked here.
 * <p>
 * {@link FileRefusedException} before any row reaches the sink: empty file, UTF-16/UTF-32 text, a header separated
 * by ';' or tabs, missing or repeated required column. It can also come <em>after</em> rows were delivered, when the
 * CSV quoting is broken further down (an unclosed quote, text after a closing quote), a second header mid-file
 * repeats a column (the rest of the file cannot be split into rows), or once 1,000 rows are rejected and they
 * outnumber the rows accepted (the file is junk or another file, not a dirty one): the caller must discard
 * what it received for this file, e.g. by importing each file in one transaction. An {@link IOException} from the
 * stream itself needs the same handling. The stream is read to its end but not closed.
 */
public final class CsvReaders {
    private CsvReaders() {
    }

    public static ReadCounts readParticipants(String fileName, InputStream in, RowSink<ParticipantRow> sink)
            throws FileRefusedException, IOException {
        return readParticipants(fileName, in, sink, Clock.system(FieldRules.REGISTER_ZONE));
    }

    /** As {@link #readParticipants(String, InputStream, RowSink)}, with "today" taken from the clock. */
    public static ReadCounts readParticipants(String fileName, InputStream in, RowSink<ParticipantRow> sink,
                                              Clock clock) throws FileRefusedException, IOException {
        return CsvEngine.read(fileName, in, new ParticipantFormat(LocalDate.now(clock)), sink);
    }

    public static ReadCounts readLeakedRecords(String fileName, InputStream in, RowSink<LeakedRecordRow> sink)
            throws FileRefusedException, IOException {
        return CsvEngine.read(fileName, in, new LeakedRecordFormat(), sink);
    }
}
