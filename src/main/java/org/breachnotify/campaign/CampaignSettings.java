package org.breachnotify.campaign;

import java.time.Duration;
import java.time.Period;

/**
 * Per-campaign timings. Durations are ISO-8601 strings as BPMN timers take them ({@code PT30S}, {@code P42D}).
 *
 * @param roundInterval how long the campaign process waits between rounds (read inbox, cut batches, check)
 * @param returnWindow  how long a journey waits for returned mail after posting
 * @param batchSize     letters per print batch at most
 * @param batchMaxWait  how long a ready letter may wait for its batch to fill before a partial batch is cut
 * @param letterTemplates the letter template set version the campaign's letters use (a folder, e.g. {@code v1})
 */
public record CampaignSettings(String roundInterval, String returnWindow, int batchSize, String batchMaxWait,
                               String letterTemplates) {

    public static final String DEFAULT_LETTER_TEMPLATES = "v1";

    public CampaignSettings(String roundInterval, String returnWindow, int batchSize, String batchMaxWait) {
        this(roundInterval, returnWindow, batchSize, batchMaxWait, DEFAULT_LETTER_TEMPLATES);
    }

    public CampaignSettings {
        if (letterTemplates == null || !letterTemplates.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("letterTemplates must name a template set version such as v1: "
                    + letterTemplates);
        }
        requireIsoDuration(roundInterval, "roundInterval");
        requireIsoDuration(returnWindow, "returnWindow");
        requireIsoDuration(batchMaxWait, "batchMaxWait");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
    }

    public Duration batchMaxWaitDuration() {
        return parse(batchMaxWait);
    }

    private static void requireIsoDuration(String value, String name) {
        try {
            parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT30S or P42D: " + value);
        }
    }

    /** Accepts both time-based ({@code PT3M}) and day-based ({@code P42D}) forms. */
    static Duration parse(String value) {
        if (value.contains("T")) {
            return Duration.parse(value);
        }
        return Duration.ofDays(Period.parse(value).getDays());
    }
}
