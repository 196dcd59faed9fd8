package org.breachnotify.intake;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.breachnotify.register.Address;
import org.breachnotify.register.Bsn;
import org.breachnotify.register.Postcode;

/**
 * Field rules shared by several formats. Problems name the column but never repeat the value: a reason may be
 * shown or logged, and the value may be personal data.
 */
final class FieldRules {
    static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern HOUSE_LETTER = Pattern.compile("[A-Za-z]");
    private static final Pattern HOUSE_NUMBER_SUFFIX = Pattern.compile("[A-Za-z0-9]{1,4}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** Codes people write that ISO 3166-1 does not have, and what they meant. */
    private static final Map<String, String> COMMON_MISTAKES = Map.of(
            "UK", "the United Kingdom is GB", "EL", "Greece is GR", "EN", "England is part of GB",
            "SP", "Spain is ES", "PO", "Poland is PL, Portugal PT",
            "AN", "the former Netherlands Antilles are BQ, CW or SX");

    private FieldRules() {
    }

    /** A real calendar date written YYYY-MM-DD, or null (after recording a problem when required or malformed). */
    static LocalDate date(Row row, String column, boolean required) {
        String value = required ? row.required(column) : row.value(column);
        if (value == null) {
            return null;
        }
        if (ISO_DATE.matcher(value).matches()) {
            try {
                // LocalDate.of checks the calendar (2023-02-30 fails) and is much cheaper than a formatter.
                return LocalDate.of(Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 5, 7, 10),
                        Integer.parseInt(value, 8, 10, 10));
            } catch (DateTimeException e) {
                // fall through
            }
        }
        row.problem(column + " is not a real date in the form YYYY-MM-DD");
        return null;
    }

    /** As {@link #date}, and not after today. */
    static LocalDate dateNotInFuture(Row row, String column, boolean required, LocalDate today) {
        LocalDate date = date(row, column, required);
        if (date != null && date.isAfter(today)) {
            row.problem(column + " is in the future");
            return null;
        }
        return date;
    }

    /** Nine digits passing the elfproef, or null (after recording a problem when required or invalid). */
    static String bsn(Row row, String column, boolean required) {
        String value = required ? row.required(column) : row.value(column);
        if (value == null) {
            return null;
        }
        if (!DIGITS.matcher(value).matches() || value.length() != 9) {
            row.problem(DIGITS.matcher(value).matches() && value.length() == 8
                    ? "BSN has 8 digits instead of 9 (was a leading zero lost in a spreadsheet?)"
                    : "BSN must be exactly 9 digits");
            return null;
        }
        if (!Bsn.isValid(value)) {
            row.problem("BSN fails the elfproef");
            return null;
        }
        return value;
    }

    /** The masked BSN for a rejection key, only when the field looks like a number (never part of a name). */
    static String maskedBsn(Row row, String column) {
        String value = row.value(column);
        return value != null && DIGITS.matcher(value).matches() ? Bsn.masked(value) : null;
    }

    /**
     * The address columns of participants.csv (street, house_number, house_letter, house_number_suffix, postcode,
     * city, country), or null after recording problems. Country defaults to NL and is upper case; an NL postcode
     * is required and canonical, a foreign one is free text.
     */
    static Address address(Row row) {
        String street = row.required("street");
        Integer houseNumber = houseNumber(row);
        String houseLetter = row.value("house_letter");
        if (houseLetter != null && !HOUSE_LETTER.matcher(houseLetter).matches()) {
            row.problem("house_letter must be a single letter A-Z");
        }
        String suffix = row.value("house_number_suffix");
        if (suffix != null && !HOUSE_NUMBER_SUFFIX.matcher(suffix).matches()) {
            row.problem("house_number_suffix must be 1 to 4 letters or digits");
        }
        Optional<String> country = country(row);
        String postcode = country.map(c -> postcode(row, c)).orElse(null);
        String city = row.required("city");
        if (country.isEmpty()) {
            String given = row.value("country").toUpperCase(Locale.ROOT);
            String hint = COMMON_MISTAKES.containsKey(given)
                    ? " (" + given + " is not one; " + COMMON_MISTAKES.get(given) + ")" : "";
            row.problem("country must be a two-letter ISO 3166-1 code such as NL or BE" + hint);
        }
        if (row.hasProblems()) {
            return null;
        }
        return new Address(street, houseNumber, houseLetter, suffix, postcode, city, country.get());
    }

    private static Integer houseNumber(Row row) {
        String value = row.required("house_number");
        if (value == null) {
            return null;
        }
        if (!DIGITS.matcher(value).matches()) {
            row.problem("house_number is not a whole number (a letter or addition belongs in house_letter"
                    + " or house_number_suffix)");
            return null;
        }
        int firstSignificant = 0;
        while (firstSignificant < value.length() && value.charAt(firstSignificant) == '0') {
            firstSignificant++;
        }
        int digits = value.length() - firstSignificant;
        if (digits == 0 || digits > 5) {
            row.problem("house_number must be between 1 and 99999");
            return null;
        }
        return Integer.parseInt(value, firstSignificant, value.length(), 10);
    }

    private static Optional<String> country(Row row) {
        String value = row.value("country");
        if (value == null) {
            return Optional.of("NL");
        }
        String code = value.toUpperCase(Locale.ROOT);
        return COUNTRIES.contains(code) ? Optional.of(code) : Optional.empty();
    }

    private static String postcode(Row row, String country) {
        String value = row.value("postcode");
        if (!country.equals("NL")) {
            return value;
        }
        if (value == null) {
            row.problem("postcode is missing (required for an address in NL)");
            return null;
        }
        Optional<String> canonical = Postcode.normalise(value);
        if (canonical.isEmpty()) {
            row.problem("postcode is not a valid Dutch postcode (4 digits, the first not 0, then 2 letters"
                    + " other than SA, SD or SS)");
            return null;
        }
        return canonical.get();
    }
}
