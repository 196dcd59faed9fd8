package org.breachnotify.intake;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * skipped, physical line numbers, fields trimmed, empty as absent. Streams: one record in memory at a time.
 */
final class CsvEngine {

    /** A record longer than this is almost surely an unclosed quote swallowing the file; stop before memory does. */
    static final int MAX_RECORD_CHARS = 1_000_000;

    // Empty lines are kept as records so that the parser's line counter can be read before every record;
    // we skip them ourselves. Surrounding spaces are ignored so that `a, "b,c"` still reads as quoted.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private CsvEngine() {
    }

    static <T> ReadCounts read(String fileName, InputStream in, RowFormat<T> format, RowSink<T> sink)
            throws FileRefusedException, IOException {
        BoundedReader reader = new BoundedReader(withoutBom(new InputStreamReader(in, StandardCharsets.UTF_8)));
        // Not closed on purpose: the caller owns the stream.
        CSVParser parser = CSVParser.parse(reader, FORMAT);
        Iterator<CSVRecord> records = parser.iterator();

        int[] columnOfSlot = null;
        Map<String, Integer> slots = slotsOf(format);
        int headerSize = 0;
        long read = 0;
        long rejected = 0;
        while (true) {
            // The counter holds the line breaks consumed so far, so the next record starts on the line after them,
            // however many lines a quoted field of the previous record spanned.
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record = next(records, reader, fileName, line);
            if (record == null) {
                break;
            }
            if (isBlank(record)) {
                continue;
            }
            if (columnOfSlot == null) {
                columnOfSlot = header(fileName, record, format);
                headerSize = record.size();
                continue;
            }
            read++;
            if (record.size() != headerSize) {
                // Fewer or more values shift every column after the gap: no field of this row can be trusted,
                // not even for the key.
                rejected++;
                sink.reject(new Rejection(line, null, "line has " + record.size() + " values but the header has "
                        + headerSize + " columns (a value containing a comma must be in double quotes)"));
                continue;
            }
            Row row = row(line, record, columnOfSlot, slots, format);
            T value = format.parse(row);
            if (row.hasProblems()) {
                rejected++;
                sink.reject(new Rejection(line, readableKey(format.key(row)), row.reason()));
            } else if (value == null) {
                throw new IllegalStateException("format returned no row and no problem at line " + line);
            } else {
                sink.accept(value);
            }
        }
        if (columnOfSlot == null) {
            throw new FileRefusedException(fileName, "the file is empty: no header row");
        }
        return new ReadCounts(read, read - rejected, rejected);
    }

    private static CSVRecord next(Iterator<CSVRecord> records, BoundedReader reader, String fileName, long line)
            throws FileRefusedException, IOException {
        reader.startRecord();
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            if (cause instanceof RecordTooLongException) {
                throw new FileRefusedException(fileName, "line " + line + ": a row longer than "
                        + MAX_RECORD_CHARS + " characters; is a closing double quote missing?");
            }
            if (cause instanceof CSVException) {
                // After broken quoting the parser cannot tell where the next row starts, so nothing after it is safe.
                throw new FileRefusedException(fileName, "line " + line + ": broken CSV quoting (a double quote"
                        + " that is not closed, or text after a closing double quote)");
            }
            throw cause;
        }
    }

    /** Maps each slot (known column of the format) to its position in the record, or -1 when not in the header. */
    private static int[] header(String fileName, CSVRecord header, RowFormat<?> format) throws FileRefusedException {
        Map<String, Integer> positions = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = PersonText.clean(header.get(i)).value().toLowerCase(Locale.ROOT);
            if (positions.putIfAbsent(name, i) != null && format.knownColumns().contains(name)) {
                duplicates.add(name);
            }
        }
        if (!duplicates.isEmpty()) {
            throw new FileRefusedException(fileName, "column " + quoted(duplicates)
                    + " appears more than once in the header");
        }
        List<String> missing = format.requiredColumns().stream().filter(c -> !positions.containsKey(c)).toList();
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
            if (!PersonText.clean(value).value().isEmpty()) {
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

    private static final class RecordTooLongException extends IOException {
        RecordTooLongException() {
            super("record too long");
        }
    }

    /** Counts characters handed to the parser since the current record started, and stops at the limit. */
    private static final class BoundedReader extends FilterReader {
        private long consumed;
        private long recordStart;

        BoundedReader(Reader in) {
            super(in);
        }

        void startRecord() {
            recordStart = consumed;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c != -1) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RecordTooLongException {
            consumed += n;
            if (consumed - recordStart > MAX_RECORD_CHARS) {
                throw new RecordTooLongException();
            }
        }
    }
}
