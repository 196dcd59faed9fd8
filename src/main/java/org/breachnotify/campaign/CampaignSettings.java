package org.breachnotify.campaign;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;

/**
 * Per-campaign timings. Durations are ISO-8601 strings as BPMN timers take them ({@code PT30S}, {@code P42D},
 * {@code P1M}, {@code P1DT2H}).
 *
 * <p>The record holds what was stored; {@link #check()} holds the ranges every campaign must keep when it is
 * created (values stored before the ranges existed still load, so such a campaign can still be seen and ended).
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

    // The ranges, and why. A round shorter than a second spins a core and fills history; a round longer than a day
    // leaves dropped files and ready letters unhandled for days. A return window must be positive or every journey
    // fails when its letter is posted; past a year nothing is still returned (the demo and tests compress time,
    // hence seconds at the low end). A print batch is one PDF: more than 100,000 letters is more than a print
    // house takes in one file. A ready letter may go into a partial batch at once (PT0S) but not wait more than a
    // week, or the notification is late.
    static final Range ROUND_INTERVAL = new Range("roundInterval", Duration.ofSeconds(1), "PT1S",
            Duration.ofDays(1), "P1D");
    static final Range RETURN_WINDOW = new Range("returnWindow", Duration.ofSeconds(1), "PT1S",
            Duration.ofDays(365), "P1Y");
    static final Range BATCH_MAX_WAIT = new Range("batchMaxWait", Duration.ZERO, "PT0S", Duration.ofDays(7), "P7D");
    static final int MIN_BATCH_SIZE = 1;
    static final int MAX_BATCH_SIZE = 100_000;

    private static final Pattern TEMPLATE_VERSION = Pattern.compile("[A-Za-z0-9._-]+");
    // Camunda reads timer durations with the XML Schema duration parser, plus PnW; so do we, so that what passes
    // here is what the engine schedules.
    private static final Pattern WEEKS = Pattern.compile("P([0-9]+)W");
    private static final DatatypeFactory XML_TYPES;

    static {
        try {
            XML_TYPES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public CampaignSettings(String roundInterval, String returnWindow, int batchSize, String batchMaxWait) {
        this(roundInterval, returnWindow, batchSize, batchMaxWait, DEFAULT_LETTER_TEMPLATES);
    }

    public CampaignSettings {
        // The version becomes part of a path: never let it leave the templates folder, not even from stored rows.
        if (letterTemplates == null || !TEMPLATE_VERSION.matcher(letterTemplates).matches()) {
            throw new IllegalArgumentException("letterTemplates must name a template set version such as v1: "
                    + letterTemplates);
        }
    }

    /**
     * Refuses settings outside their ranges, naming the field and the range allowed: round interval PT1S to P1D,
     * return window PT1S to P1Y, batch size 1 to 100000, batch max wait PT0S to P7D.
     *
     * @return these settings
     */
    public CampaignSettings check() {
        ROUND_INTERVAL.check(roundInterval);
        RETURN_WINDOW.check(returnWindow);
        if (batchSize < MIN_BATCH_SIZE || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be a whole number from " + MIN_BATCH_SIZE + " to "
                    + MAX_BATCH_SIZE + ", not " + batchSize);
        }
        BATCH_MAX_WAIT.check(batchMaxWait);
        return this;
    }

    public Duration batchMaxWaitDuration() {
        return parse(batchMaxWait).orElseThrow(() -> new IllegalStateException("batchMaxWait is not a duration"));
    }

    /**
     * An ISO-8601 duration as its length, or empty when it is not one. Date parts count nominally (a year 365 days,
     * a month 30, a week 7); the engine adds calendar months and years to its timers. Signs are kept: {@code -P1D}
     * and {@code P-1D} are negative.
     */
    static Optional<Duration> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value;
        boolean negative = false;
        if (text.startsWith("-")) {
            negative = true;
            text = text.substring(1);
        } else if (text.matches("P(?:.*[^0-9.])?-[0-9].*")) {
            // java.time writes P-1D; XML Schema only a leading sign. Read it as the negative it means.
            negative = true;
            text = text.replace("-", "");
        }
        try {
            Matcher weeks = WEEKS.matcher(text);
            BigDecimal seconds;
            if (weeks.matches()) {
                seconds = new BigDecimal(weeks.group(1)).multiply(BigDecimal.valueOf(7 * 86_400L));
            } else {
                javax.xml.datatype.Duration xml = XML_TYPES.newDuration(text);
                seconds = part(xml, DatatypeConstants.YEARS, 365 * 86_400L)
                        .add(part(xml, DatatypeConstants.MONTHS, 30 * 86_400L))
                        .add(part(xml, DatatypeConstants.DAYS, 86_400L))
                        .add(part(xml, DatatypeConstants.HOURS, 3_600L))
                        .add(part(xml, DatatypeConstants.MINUTES, 60L))
                        .add(part(xml, DatatypeConstants.SECONDS, 1L));
                negative ^= xml.getSign() < 0;
            }
            // beyond ~300 years is out of every range anyway; keep the arithmetic in a long
            BigDecimal cap = BigDecimal.valueOf(10_000L * 365 * 86_400L);
            if (seconds.compareTo(cap) > 0) {
                seconds = cap;
            }
            Duration length = Duration.ofSeconds(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
            return Optional.of(negative ? length.negated() : length);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static BigDecimal part(javax.xml.datatype.Duration xml, DatatypeConstants.Field field, long seconds) {
        Number n = xml.getField(field);
        if (n == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal value = n instanceof BigInteger i ? new BigDecimal(i) : (BigDecimal) n;
        return value.multiply(BigDecimal.valueOf(seconds));
    }

    /** A duration field's allowed range, bounds included. */
    record Range(String field, Duration min, String minText, Duration max, String maxText) {
        void check(String value) {
            Duration length = parse(value).orElseThrow(() -> new IllegalArgumentException(field
                    + " must be an ISO-8601 duration from " + minText + " to " + maxText
                    + " (e.g. PT30S, PT10M, P1DT2H, P42D, P1M): " + value));
            if (length.compareTo(min) < 0 || length.compareTo(max) > 0) {
                throw new IllegalArgumentException(field + " must be from " + minText + " to " + maxText
                        + (length.isNegative() ? " (it is negative)" : "") + ": " + value);
            }
        }
    }
}
