package org.breachnotify.register;

import java.util.Locale;
import java.util.Optional;

/**
 * A postal address as kept in the register. Domestic (NL) addresses carry a canonical postcode
 * ({@code 1234 AB}); foreign ones carry the postcode as given.
 */
public record Address(String street, int houseNumber, String houseLetter, String houseNumberSuffix,
                      String postcode, String city, String country) {

    public boolean isDomestic() {
        return country == null || country.isBlank() || country.equalsIgnoreCase("NL");
    }

    /** House letter and suffix as printed after the number, e.g. {@code 12a} or {@code 7-2}. */
    public String houseNumberText() {
        StringBuilder sb = new StringBuilder().append(houseNumber);
        if (houseLetter != null && !houseLetter.isBlank()) {
            sb.append(houseLetter);
        }
        if (houseNumberSuffix != null && !houseNumberSuffix.isBlank()) {
            sb.append('-').append(houseNumberSuffix);
        }
        return sb.toString();
    }

    /**
     * The PostNL KIX code: postcode without space + house number + (if any) {@code X} + house letter and/or
     * suffix, upper case, alphanumerics only. Foreign addresses have none.
     */
    public Optional<String> kix() {
        if (!isDomestic() || postcode == null) {
            return Optional.empty();
        }
        String addition = (nullToEmpty(houseLetter) + nullToEmpty(houseNumberSuffix))
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        String base = postcode.replace(" ", "").toUpperCase(Locale.ROOT) + houseNumber;
        return Optional.of(addition.isEmpty() ? base : base + "X" + addition);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}
