package org.breachnotify.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One data row as a format sees it: values cleaned by {@code PersonText.clean} (NFC, Unicode spaces as spaces,
 * invisible characters removed, trimmed) by column name, empty as null, plus the problems found.
 */
public final class Row {
    private final long line;
    private final Map<String, Integer> slots;
    private final String[] values;
    private final List<String> problems = new ArrayList<>(2);
    private List<String> invisible = List.of();

    Row(long line, Map<String, Integer> slots, String[] values) {
        this.line = line;
        this.slots = slots;
        this.values = values;
    }

    public long line() {
        return line;
    }

    /** The trimmed value, or null when the column is absent from the file or the field is empty. */
    public String value(String column) {
        Integer slot = slots.get(column);
        if (slot == null) {
            throw new IllegalArgumentException("column not declared by the format: " + column);
        }
        return values[slot];
    }

    /** The value, or null after recording that it is missing. */
    public String required(String column) {
        String value = value(column);
        if (value == null) {
            problem(column + " is missing");
        }
        return value;
    }

    /** Records why the row is rejected; a row with any problem is rejected with all of them. */
    public void problem(String reason) {
        problems.add(reason);
    }

    /** Notes that invisible characters were removed from the column's value, for the reason if the row is rejected. */
    void invisibleCharacterRemoved(String column) {
        if (invisible.isEmpty()) {
            invisible = new ArrayList<>(1);
        }
        invisible.add(column);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The problems, and which values held invisible characters (removed before the checks): often the real cause. */
    String reason() {
        String reason = String.join("; ", problems);
        return invisible.isEmpty() ? reason : reason + " (" + String.join(", ", invisible)
                + " held an invisible character, removed before checking)";
    }
}
