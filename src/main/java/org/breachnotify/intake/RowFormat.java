package org.breachnotify.intake;

import java.util.List;

/** How one exchange format turns a data row into a value; the shared engine does the rest. */
public interface RowFormat<T> {

    /** Columns that must be in the header, in the order the spec lists them. */
    List<String> requiredColumns();

    /** Every column this format reads (required ones included); all others are ignored. */
    List<String> knownColumns();

    /** The row as a value, or null after recording at least one problem on the row. */
    T parse(Row row);

    /** What identifies a rejected row to staff: an id, a masked BSN, or null. */
    String key(Row row);
}
