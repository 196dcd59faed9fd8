package org.breachnotify.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.breachnotify.register.PersonText;

/**
 * The rules every CSV of FORMATS.md shares: UTF-8 with optional BOM, RFC 4180, header by name, blank lines
 * skipped, physical line numbers, fields trimmed, empty as absent. Streams: one record in memory at a time, no line
 * longer than {@link #MAX_LINE_CHARS}. What spreadsheets make of a CSV (another encoding or separator, a header
 * appended mid-file, a separator too many) is named as such.
 */
public final class CsvEngine {

    /** A physical line longer than this is no row of ours: that row is rejected unread and the rest read on. */
    static final int MAX_LINE_CHARS = 100_000;

    /** A row spanning more than this is an unclosed quote swallowing the file; stop before memory does. */
    static final int MAX_RECORD_CHARS = 1_000_000;

    /**
     * Once this many rows are rejected and they are more than the rows accepted, the file is refused whole: it is
     * not a dirty file of ours but another file, a broken export or junk, and reading on would only list millions of
     * rejections. A dirty file (a few percent of bad rows) is never refused this way.
     */
    static final int REFUSE_AFTER_REJECTED = 1_000;

    // Empty lines are kept as records so that the parser's line counter can be read before every record;
    // we skip them ourselves. Surrounding spaces are ignored so that `a, "b,c"` still reads as quoted.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private static final String SAVE_AS = "save it in Excel with 'Save As' and 'CSV UTF-8 (comma delimited) (*.csv)'";

    private CsvEngine() {
    }

    /**
     * Reads a file of {@code format} to its end (not closing it), every data row to the sink in file order as
     * accepted or rejected with its physical line; answers the counts (read = accepted + rejected). Refusals and
     * their timing: see {@link CsvReaders}.
     */
    public static <T> ReadCounts read(String fileName, InputStream in, RowFormat<T> format, RowSink<T> sink)
            throws FileRefusedException, IOException {
        InputStream utf8 = refuseOtherUnicode(fileName, in);
        LineGuardReader reader = new LineGuardReader(withoutBom(new InputStreamReader(utf8, StandardCharsets.UTF_8)),
                MAX_LINE_CHARS, MAX_RECORD_CHARS);
        // Not closed on purpose: the caller owns the stream.
        CSVParser parser = CSVParser.parse(reader, FORMAT);
        Iterator<CSVRecord> records = parser.iterator();

        int[] columnOfSlot = null;
        List<String> headerNames = null;
        Map<String, Integer> slots = slotsOf(format);
        int headerSize = 0;
        long read = 0;
        Rejections rejected = new Rejections(fileName, sink);
        while (true) {
            // The counter holds the line breaks consumed so far, so the next record starts on the line after them,
            // however many lines a quoted field of the previous record spanned.
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record = next(records, reader, fileName, line);
            if (record == null) {
                break;
            }
            if (reader.overlongUpTo(parser.getCurrentLineNumber())) {
                if (columnOfSlot == null) {
                    throw new FileRefusedException(fileName, "line " + line + ": the header line is longer than "
                            + MAX_LINE_CHARS + " characters; is this really a CSV file?");
                }
                read++;
                rejected.add(new Rejection(line, null, "line is longer than " + MAX_LINE_CHARS
                        + " characters, far more than a row of this file can need; the row was not read"), read);
                continue;
            }
            if (isBlank(record)) {
                continue;
            }
            if (columnOfSlot == null) {
                columnOfSlot = header(fileName, record, format);
                headerNames = names(record);
                headerSize = record.size();
                continue;
            }
            read++;
            if (isHeader(record, headerNames, format)) {
                // Two exports joined into one file: the second one's header (often after a BOM) sits mid-file.
                List<String> names = names(record);
                if (names.equals(headerNames)) {
                    rejected.add(new Rejection(line, null, "line repeats the header row (were two files joined"
                            + " together?); the rows after it are read as usual"), read);
                } else {
                    columnOfSlot = header(fileName, record, format);
                    headerNames = names;
                    headerSize = record.size();
                    rejected.add(new Rejection(line, null, "line is a second header row with other columns (were"
                            + " two files joined together?); the rows after it are read by its columns"), read);
                }
                continue;
            }
            if (record.size() != headerSize) {
                // Fewer or more values shift every column after the gap: no field of this row can be trusted,
                // not even for the key.
                rejected.add(new Rejection(line, null, valueCountReason(record, headerSize)), read);
                continue;
            }
            Row row = row(line, record, columnOfSlot, slots, format);
            T value = format.parse(row);
            if (row.hasProblems()) {
                rejected.add(new Rejection(line, readableKey(format.key(row)), row.reason()), read);
            } else if (value == null) {
                throw new IllegalStateException("format returned no row and no problem at line " + line);
            } else {
                sink.accept(value);
            }
        }
        if (columnOfSlot == null) {
            throw new FileRefusedException(fileName, "the file is empty: no header row");
        }
        return new ReadCounts(read, read - rejected.count(), rejected.count());
    }

    /**
     * Hands rejected rows to the sink, counting them and their reasons, and refuses the file once rejections clearly
     * dominate ({@link #REFUSE_AFTER_REJECTED}), naming the most frequent reasons. Reasons never hold values, so the
     * refusal holds no personal data.
     */
    private static final class Rejections {
        /** Distinct reasons counted; a file rarely has more, and further ones are counted together. */
        private static final int REASONS_TALLIED = 20;

        private final String fileName;
        private final RowSink<?> sink;
        private final Map<String, long[]> byReason = new HashMap<>();
        private long count;
        private long otherReasons;

        Rejections(String fileName, RowSink<?> sink) {
            this.fileName = fileName;
            this.sink = sink;
        }

        /** Rejects a row; {@code read} counts the rows read so far, this one included. */
        void add(Rejection rejection, long read) throws FileRefusedException {
            count++;
            long[] tally = byReason.get(rejection.reason());
            if (tally != null) {
                tally[0]++;
            } else if (byReason.size() < REASONS_TALLIED) {
                byReason.put(rejection.reason(), new long[]{1, rejection.line()});
            } else {
                otherReasons++;
            }
            sink.reject(rejection);
            if (count >= REFUSE_AFTER_REJECTED && count > read - count) {
                throw new FileRefusedException(fileName, refusal(rejection.line(), read));
            }
        }

        long count() {
            return count;
        }

        private String refusal(long line, long read) {
            String frequent = byReason.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                            .thenComparingLong(e -> e.getValue()[1]))
                    .limit(3)
                    .map(e -> String.format(Locale.ROOT, "\"%s\" (%,d rows, the first on line %d)", e.getKey(),
                            e.getValue()[0], e.getValue()[1]))
                    .collect(Collectors.joining("; "));
            String others = otherReasons == 0 ? "" : String.format(Locale.ROOT, "; %,d rows for other reasons",
                    otherReasons);
            return String.format(Locale.ROOT, "refused at line %d: %,d of the %,d rows read up to there were"
                    + " rejected, more than were accepted, so this is not a file to import in part; nothing of it was"
                    + " imported. Most frequent reasons: %s%s. Correct the file (or check that it is the file meant)"
                    + " and send it again", line, count, read, frequent, others);
        }
    }

    private static CSVRecord next(Iterator<CSVRecord> records, LineGuardReader reader, String fileName, long line)
            throws FileRefusedException, IOException {
        reader.startRecord();
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            // After broken quoting the parser cannot tell where the next row starts, so nothing after it is safe.
            if (cause instanceof LineGuardReader.RecordTooLongException) {
                throw new FileRefusedException(fileName, "line " + line + ": a double quote opened in the row"
                        + " starting on this line is not closed within " + MAX_RECORD_CHARS + " characters, so the"
                        + " rest of the file cannot be split into rows");
            }
            if (cause instanceof CSVException && String.valueOf(cause.getMessage()).contains("EOF")) {
                throw new FileRefusedException(fileName, "line " + line + ": a double quote opened in the row"
                        + " starting on this line is never closed, so the rest of the file cannot be split into rows");
            }
            if (cause instanceof CSVException) {
                throw new FileRefusedException(fileName, "line " + line + ": text follows a closing double quote"
                        + " (a double quote inside a quoted value must be written twice: \"\")");
            }
            throw cause;
        }
    }

    /**
     * UTF-16 and UTF-32 (Excel's "Unicode Text") would decode as UTF-8 into NUL-riddled text whose header matches
     * nothing; say what the file is instead. Returns the stream to read, with nothing consumed.
     */
    private static InputStream refuseOtherUnicode(String fileName, InputStream in)
            throws FileRefusedException, IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 4);
        byte[] head = pushback.readNBytes(4);
        pushback.unread(head);
        String encoding = otherUnicode(head);
        if (encoding != null) {
            throw new FileRefusedException(fileName, "the file is saved as " + encoding + " (Excel's 'Unicode"
                    + " Text'), not as UTF-8; nothing was imported; " + SAVE_AS);
        }
        return pushback;
    }

    private static String otherUnicode(byte[] head) {
        int b0 = head.length > 0 ? head[0] & 0xFF : -1;
        int b1 = head.length > 1 ? head[1] & 0xFF : -1;
        boolean zeroPair = head.length > 3 && head[2] == 0 && head[3] == 0;
        if (b0 == 0xFF && b1 == 0xFE) {
            return zeroPair ? "UTF-32" : "UTF-16";
        }
        if (b0 == 0 && b1 == 0 && head.length > 3 && (head[2] & 0xFF) == 0xFE && (head[3] & 0xFF) == 0xFF) {
            return "UTF-32";
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return "UTF-16";
        }
        // No byte order mark, but a zero byte beside a character: UTF-16 text without BOM. UTF-8 text has no zeros.
        if (head.length > 1 && (b0 == 0) != (b1 == 0)) {
            return "UTF-16";
        }
        return null;
    }

    private static String valueCountReason(CSVRecord record, int headerSize) {
        String reason = "line has " + record.size() + " values but the header has " + headerSize + " columns";
        if (record.size() > headerSize) {
            boolean extraEmpty = true;
            for (int i = headerSize; i < record.size() && extraEmpty; i++) {
                extraEmpty = trim(record.get(i)).isEmpty();
            }
            if (extraEmpty) {
                return reason + " (the extra values at the end are empty: is there a separator too many?)";
            }
        }
        return reason + " (a value containing a comma must be in double quotes)";
    }

    /**
     * A row naming every required column is a header, e.g. of a second export appended to the first. Only rows
     * starting like a header (the first header's first column, or any column of ours) are looked at in full, so
     * that a data row costs a few length comparisons.
     */
    private static boolean isHeader(CSVRecord record, List<String> headerNames, RowFormat<?> format) {
        String first = trim(record.get(0));
        boolean startsLikeHeader = first.equalsIgnoreCase(headerNames.get(0));
        for (int i = 0; i < format.knownColumns().size() && !startsLikeHeader; i++) {
            startsLikeHeader = first.equalsIgnoreCase(format.knownColumns().get(i));
        }
        return startsLikeHeader && names(record).containsAll(format.requiredColumns());
    }

    private static List<String> names(CSVRecord record) {
        List<String> names = new ArrayList<>(record.size());
        for (String value : record) {
            names.add(trim(value).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** Maps each slot (known column of the format) to its position in the record, or -1 when not in the header. */
    private static int[] header(String fileName, CSVRecord header, RowFormat<?> format) throws FileRefusedException {
        Map<String, Integer> positions = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = trim(header.get(i)).toLowerCase(Locale.ROOT);
            if (positions.putIfAbsent(name, i) != null && format.knownColumns().contains(name)) {
                duplicates.add(name);
            }
        }
        if (!duplicates.isEmpty()) {
            throw new FileRefusedException(fileName, "column " + quoted(duplicates)
                    + " appears more than once in the header");
        }
        List<String> missing = format.requiredColumns().stream().filter(c -> !positions.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            refuseOtherSeparator(fileName, header, missing);
        }
        if (missing.size() == 1) {
            throw new FileRefusedException(fileName, "required column " + quoted(missing)
                    + " is missing from the header");
        }
        if (!missing.isEmpty()) {
            throw new FileRefusedException(fileName, "required columns " + quoted(missing)
                    + " are missing from the header");
        }
        List<String> known = format.knownColumns();
        int[] columnOfSlot = new int[known.size()];
        for (int slot = 0; slot < known.size(); slot++) {
            columnOfSlot[slot] = positions.getOrDefault(known.get(slot), -1);
        }
        return columnOfSlot;
    }

    /**
     * A Dutch Excel writes "CSV" with ';' and "Unicode Text" with tabs: the whole header then reads as one column
     * and every required column seems missing. Name the separator instead when it splits off a missing column.
     */
    private static void refuseOtherSeparator(String fileName, CSVRecord header, List<String> missing)
            throws FileRefusedException {
        for (char separator : new char[]{';', '\t', '|'}) {
            for (String value : header) {
                for (String name : value.split(java.util.regex.Pattern.quote(String.valueOf(separator)))) {
                    if (value.indexOf(separator) >= 0 && missing.contains(trim(name).toLowerCase(Locale.ROOT))) {
                        String shown = separator == '\t' ? "tabs" : "'" + separator + "'";
                        throw new FileRefusedException(fileName, "the columns are separated by " + shown
                                + " instead of ',' (Excel does this for 'CSV' on a computer with Dutch settings);"
                                + " nothing was imported; " + SAVE_AS);
                    }
                }
            }
        }
    }

    private static Row row(long line, CSVRecord record, int[] columnOfSlot, Map<String, Integer> slots,
                           RowFormat<?> format) {
        String[] values = new String[columnOfSlot.length];
        boolean notUtf8 = false;
        List<String> known = format.knownColumns();
        Row row = new Row(line, slots, values);
        for (int slot = 0; slot < columnOfSlot.length; slot++) {
            int column = columnOfSlot[slot];
            if (column < 0) {
                continue;
            }
            PersonText.Cleaned cleaned = PersonText.clean(record.get(column));
            if (cleaned.hadInvisible()) {
                row.invisibleCharacterRemoved(known.get(slot));
            }
            String value = cleaned.value();
            if (value.isEmpty()) {
                continue;
            }
            values[slot] = value;
            // A decoder replacement character means the bytes were not UTF-8: the text would print garbled.
            notUtf8 |= value.indexOf('\uFFFD') >= 0;
            if (hasControlCharacter(value)) {
                row.problem(known.get(slot) + " contains a line break or another control character");
            }
        }
        if (notUtf8) {
            row.problem("line contains bytes that are not valid UTF-8 (save the file as UTF-8)");
        }
        return row;
    }

    private static String readableKey(String key) {
        return key == null || hasControlCharacter(key) || key.indexOf('\uFFFD') >= 0 ? null : key;
    }

    private static Map<String, Integer> slotsOf(RowFormat<?> format) {
        Map<String, Integer> slots = new HashMap<>();
        List<String> known = format.knownColumns();
        for (int i = 0; i < known.size(); i++) {
            slots.put(known.get(i), i);
        }
        return slots;
    }

    /** A line with nothing on it, or only separators (`,,,` as spreadsheets write for an empty row). */
    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!trim(value).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A value as every field is read ({@link PersonText#clean}): NFC, spaces, invisible characters, trimmed. */
    private static String trim(String value) {
        return PersonText.clean(value).value();
    }

    private static String quoted(List<String> columns) {
        return columns.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
    }

    private static Reader withoutBom(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }
}
