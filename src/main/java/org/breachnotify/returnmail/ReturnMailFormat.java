package org.breachnotify.returnmail;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.breachnotify.intake.FieldRules;
import org.breachnotify.intake.Row;
import org.breachnotify.intake.RowFormat;

/** return-mail.csv: returned, undeliverable letters as scanned. */
public final class ReturnMailFormat implements RowFormat<ReturnMailRow> {
    private static final List<String> REQUIRED = List.of("letter_id", "reason", "date");
    private static final String REASONS = Arrays.stream(ReturnReason.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    @Override
    public List<String> requiredColumns() {
        return REQUIRED;
    }

    @Override
    public List<String> knownColumns() {
        return REQUIRED;
    }

    @Override
    public ReturnMailRow parse(Row row) {
        String letterId = row.required("letter_id");
        String reasonText = row.required("reason");
        ReturnReason reason = null;
        if (reasonText != null) {
            try {
                reason = ReturnReason.valueOf(reasonText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                row.problem("reason must be one of " + REASONS);
            }
        }
        LocalDate date = FieldRules.date(row, "date", true);
        if (row.hasProblems()) {
            return null;
        }
        return new ReturnMailRow(row.line(), letterId, reason, date);
    }

    @Override
    public String key(Row row) {
        return row.value("letter_id");
    }
}
