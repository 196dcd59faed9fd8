package org.breachnotify.returnmail;

import java.time.LocalDate;
import java.util.Optional;
import org.breachnotify.register.Address;

/** What the population register says of a person now: their address (if known) and date of death (if any). */
public record RegisterEntry(Optional<Address> address, Optional<LocalDate> deceasedDate) {
}
