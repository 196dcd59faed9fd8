package org.breachnotify.intake;

/**
 * A row that was not accepted.
 *
 * @param line   physical line in the file where the row starts (header = line 1, as an editor shows it)
 * @param key    participant_id / lab_record_id / letter_id / masked BSN where readable, else null
 * @param reason a sentence a person understands; never contains names, addresses, BSNs or birth dates
 */
public record Rejection(long line, String key, String reason) {
}
