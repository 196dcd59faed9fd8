package org.breachnotify.intake;

import java.time.LocalDate;

import org.breachnotify.register.Address;
import org.breachnotify.register.Bsn;

/**
 * One accepted line of participants.csv. Optional values are null when absent; {@code language} is
 * {@code nl} or {@code en}; the address country is upper case (default {@code NL}) and a Dutch postcode is
 * canonical ({@code 1234 AB}).
 */
public record ParticipantRow(long line, String participantId, String bsn, String initials, String surnamePrefix,
                             String surname, LocalDate birthDate, Address address, String language, String email,
                             boolean gpSmearBefore2017, LocalDate deceasedDate) {

    /** Ids only: a row that ends up in a log must not carry personal data. */
    @Override
    public String toString() {
        return "ParticipantRow[line=" + line + ", participantId=" + participantId + ", bsn=" + Bsn.masked(bsn) + "]";
    }
}
