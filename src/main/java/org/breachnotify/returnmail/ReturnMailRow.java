package org.breachnotify.returnmail;

import java.time.LocalDate;

/** One line of return-mail.csv. */
public record ReturnMailRow(long line, String letterId, ReturnReason reason, LocalDate date) {
}
