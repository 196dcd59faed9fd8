package org.breachnotify.returnmail;

import java.time.LocalDate;

import org.breachnotify.register.Address;
import org.breachnotify.register.Bsn;

/**
 * One accepted line of address-updates.csv: a new address, a date of death, or both.
 * {@code address} is null when the row has no address (e.g. only deceased_date).
 */
public record AddressUpdateRow(long line, String bsn, Address address, LocalDate deceasedDate) {

    /** Ids only: a row that ends up in a log must not carry personal data. */
    @Override
    public String toString() {
        return "AddressUpdateRow[line=" + line + ", bsn=" + Bsn.masked(bsn) + "]";
    }
}
