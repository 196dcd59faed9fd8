package org.breachnotify.printhouse;

import java.time.LocalDate;

/** One line of dispatch-confirmation.csv; {@code reason} is null when not given. */
public record DispatchRow(long line, String letterId, DispatchStatus status, LocalDate date, String reason) {
}
