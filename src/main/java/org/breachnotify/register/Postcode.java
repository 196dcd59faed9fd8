package org.breachnotify.register;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dutch postcodes: four digits (first not 0) and two capital letters, never SA, SD or SS. */
public final class Postcode {
    private static final Pattern LOOSE = Pattern.compile("([1-9][0-9]{3})\\s*([A-Za-z]{2})");

    private Postcode() {
    }

    /** Accepts spellings like {@code 1234AB} or {@code 1234 ab}; answers the canonical {@code 1234 AB}. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Matcher m = LOOSE.matcher(raw.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String letters = m.group(2).toUpperCase(Locale.ROOT);
        if (letters.equals("SA") || letters.equals("SD") || letters.equals("SS")) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) + " " + letters);
    }
}
