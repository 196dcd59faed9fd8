package org.breachnotify.intake;

import java.time.LocalDate;

import org.breachnotify.register.Bsn;

/**
 * One accepted line of leaked-records.csv. {@code bsn}, {@code surname}, {@code birthDate} and {@code postcode}
 * are null when absent; a postcode that reads as Dutch is canonical ({@code 1234 AB}), any other is kept as given.
 */
public record LeakedRecordRow(long line, int dataset, String labRecordId, String bsn, String surname,
                              LocalDate birthDate, String postcode) {

    /** Ids only: a row that ends up in a log must not carry personal data. */
    @Override
    public String toString() {
        return "LeakedRecordRow[line=" + line + ", dataset=" + dataset + ", labRecordId=" + labRecordId
                + ", bsn=" + (bsn == null ? null : Bsn.masked(bsn)) + "]";
    }
}
