package org.breachnotify.printhouse;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.breachnotify.intake.FieldRules;
import org.breachnotify.intake.Row;
import org.breachnotify.intake.RowFormat;

/** dispatch-confirmation.csv: the print house reports each letter posted or failed. */
public final class DispatchFormat implements RowFormat<DispatchRow> {
    private static final List<String> REQUIRED = List.of("letter_id", "status", "date");
    private static final List<String> KNOWN = List.of("letter_id", "status", "date", "reason");

    @Override
    public List<String> requiredColumns() {
        return REQUIRED;
    }

    @Override
    public List<String> knownColumns() {
        return KNOWN;
    }

    @Override
    public DispatchRow parse(Row row) {
        String letterId = row.required("letter_id");
        String statusText = row.required("status");
        DispatchStatus status = null;
        if (statusText != null) {
            switch (statusText.toUpperCase(Locale.ROOT)) {
                case "POSTED" -> status = DispatchStatus.POSTED;
                case "FAILED" -> status = DispatchStatus.FAILED;
                default -> row.problem("status must be POSTED or FAILED");
            }
        }
        LocalDate date = FieldRules.date(row, "date", true);
        if (row.hasProblems()) {
            return null;
        }
        return new DispatchRow(row.line(), letterId, status, date, row.value("reason"));
    }

    @Override
    public String key(Row row) {
        return row.value("letter_id");
    }
}
