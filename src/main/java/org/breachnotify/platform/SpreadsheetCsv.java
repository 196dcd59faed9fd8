package org.breachnotify.platform;

import java.io.IOException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV that people open in a spreadsheet (the rejected rows, the print manifest), written so that no value can act
 * as a formula (OWASP, "CSV Injection"): every text value is quoted, and one that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return gets a single quote in front, so that Excel and LibreOffice show
 * it as text instead of evaluating it. Quoting every text value also keeps a value whole in a spreadsheet that splits
 * on {@code ;} (Excel on Dutch settings). Numbers are written as they are: they cannot be formulas.
 */
public final class SpreadsheetCsv {

    private SpreadsheetCsv() {
    }

    /** RFC 4180 with LF line ends, the given header, and every value that is not a number quoted. */
    public static CSVFormat format(String... header) {
        return CSVFormat.RFC4180.builder()
                .setHeader(header)
                .setRecordSeparator("\n")
                .setQuoteMode(QuoteMode.NON_NUMERIC)
                .get();
    }

    /**
     * For a file a program reads first and a person may open after (the print manifest, whose plain layout
     * FORMATS.md fixes for the print house): RFC 4180 with LF line ends, quoted only where RFC 4180 needs it (a
     * separator, quote or line break in the value). Values printed with {@link #printRecord} are neutralised all
     * the same, so a spreadsheet still shows a would-be formula as text.
     */
    public static CSVFormat plainFormat(String... header) {
        return CSVFormat.RFC4180.builder()
                .setHeader(header)
                .setRecordSeparator("\n")
                .setQuoteMode(QuoteMode.MINIMAL)
                .get();
    }

    /** Prints one record, each text value {@linkplain #neutralise neutralised}. */
    public static void printRecord(CSVPrinter out, Object... values) throws IOException {
        Object[] safe = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            safe[i] = values[i] instanceof CharSequence text ? neutralise(text.toString()) : values[i];
        }
        out.printRecord(safe);
    }

    /** The value as a spreadsheet shows it as text: a single quote in front when it would start a formula. */
    public static String neutralise(String value) {
        return value != null && startsFormula(value) ? "'" + value : value;
    }

    private static boolean startsFormula(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
