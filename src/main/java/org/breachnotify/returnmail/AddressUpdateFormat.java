package org.breachnotify.returnmail;

import java.time.LocalDate;
import java.util.List;
import org.breachnotify.intake.FieldRules;
import org.breachnotify.intake.Row;
import org.breachnotify.intake.RowFormat;
import org.breachnotify.register.Address;

/**
 * address-updates.csv: bsn, the address columns of participants.csv, and deceased_date. Only bsn must be in the
 * header, so a deaths-only extract is a valid file; a row that has any address field must have a whole address.
 */
public final class AddressUpdateFormat implements RowFormat<AddressUpdateRow> {
    private static final List<String> REQUIRED = List.of("bsn");
    private static final List<String> KNOWN = List.of("bsn", "street", "house_number", "house_letter",
            "house_number_suffix", "postcode", "city", "country", "deceased_date");
    // country is not among them: an extract that fills NL on every row has no address on a deaths-only row.
    private static final List<String> ADDRESS_FIELDS = List.of("street", "house_number", "house_letter",
            "house_number_suffix", "postcode", "city");

    private final LocalDate today;

    /** {@code today}: the register's calendar day; a date of death after it is refused. */
    public AddressUpdateFormat(LocalDate today) {
        this.today = today;
    }

    @Override
    public List<String> requiredColumns() {
        return REQUIRED;
    }

    @Override
    public List<String> knownColumns() {
        return KNOWN;
    }

    @Override
    public AddressUpdateRow parse(Row row) {
        String bsn = FieldRules.bsn(row, "bsn", true);
        boolean hasAddress = ADDRESS_FIELDS.stream().anyMatch(column -> row.value(column) != null);
        Address address = hasAddress ? FieldRules.address(row) : null;
        if (hasAddress) {
            // A new address is printed on a remailed letter: the same rules as in the register extract.
            FieldRules.printedText(row, "street", FieldRules.Text.ADDRESS_LINE);
            FieldRules.printedText(row, "city", FieldRules.Text.ADDRESS_LINE);
        }
        LocalDate deceasedDate = FieldRules.dateNotInFuture(row, "deceased_date", false, today);
        if (!hasAddress && row.value("deceased_date") == null) {
            row.problem("row has neither an address nor a deceased_date");
        }
        if (row.hasProblems()) {
            return null;
        }
        return new AddressUpdateRow(row.line(), bsn, address, deceasedDate);
    }

    @Override
    public String key(Row row) {
        return FieldRules.maskedBsn(row, "bsn");
    }
}
