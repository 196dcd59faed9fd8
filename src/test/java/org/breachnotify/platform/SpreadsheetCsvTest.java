package org.breachnotify.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;

import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** OWASP's advice against CSV injection, as every CSV a person opens is written. */
class SpreadsheetCsvTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil.example\",\"open\")", "+31 20 123", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1"})
    void aValueASpreadsheetWouldTakeForAFormulaGetsASingleQuoteInFront(String value) {
        assertThat(SpreadsheetCsv.neutralise(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"participants.csv", "'s-Gravenhage", "1012 AB", "P-000001", "dataset must be 1 or 2",
            "a=b", "Jansen-de Vries", ""})
    void anyOtherValueIsLeftAsItIs(String value) {
        assertThat(SpreadsheetCsv.neutralise(value)).isEqualTo(value);
    }

    @Test
    void everyTextValueIsQuotedSoThatASemicolonSplittingSpreadsheetKeepsItWhole() throws Exception {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, SpreadsheetCsv.format("name", "line", "note"))) {
            SpreadsheetCsv.printRecord(printer, "1000;=cmd|' /C calc'!A0", 7L, null);
            SpreadsheetCsv.printRecord(printer, "-1+1", 8, "say \"hi\"");
        }

        assertThat(out.toString()).isEqualTo("""
                "name","line","note"
                "1000;=cmd|' /C calc'!A0",7,
                "'-1+1",8,"say ""hi\"""
                """);
    }
}
