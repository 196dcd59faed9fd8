package org.breachnotify.intake;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.breachnotify.letter.PrintableText;
import org.breachnotify.register.Address;
import org.breachnotify.register.Bsn;
import org.breachnotify.register.Postcode;

/**
 * Field rules shared by several formats. Problems name the column but never repeat the value: a reason may be
 * shown or logged, and the value may be personal data (at most the one character that breaks a rule is named).
 */
public final class FieldRules {
    /** The register is Dutch: "today" for birth and death dates is the Dutch calendar day, whatever the server zone. */
    public static final ZoneId REGISTER_ZONE = ZoneId.of("Europe/Amsterdam");

    static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    /** A foreign postcode as printed on the letter and in the print manifest: letters, digits, spaces, hyphens. */
    static final int FOREIGN_POSTCODE_MAX = 12;

    /** Apostrophes as registers and keyboards write them: ' ’ ‘ ʼ, and the ` and ´ typed in their place. */
    private static final String APOSTROPHES = "'\u2019\u2018\u02BC`\u00B4";
    /** Hyphens, also the non-breaking one and the en dash a word processor makes of a hyphen. */
    private static final String HYPHENS = "-\u2010\u2011\u2013";

    /**
     * What a printed name or address field may hold. Anything else cannot be a name or an address line, and a
     * value starting with {@code =}, {@code +}, {@code -} or {@code @} would also act as a formula in the print
     * house's spreadsheet. Letters of any script count (with their combining marks), so every real name passes:
     * D'Hondt, O'Neill, 't Hoff, Jansen-de Vries, St. John, Wiśniewska, Nguyễn; so does every real address line:
     * 1e Exloërmond, 's-Gravenhage, Bergen (NH), Mr. Troelstralaan, Rue de l'Église, Carrera 7 # 32-16, Paris Cedex 07.
     */
    public enum Text {
        /** J.A., Th., J.-P., IJ. */
        INITIALS("a letter", "letters, dots, hyphens and spaces", false, false, ". " + HYPHENS),
        /** Surnames and their prefixes (van der, 't, d'). */
        NAME("a letter or an apostrophe", "letters, spaces, apostrophes, hyphens and dots", true, false,
                ". " + APOSTROPHES + HYPHENS),
        /** Street and city. */
        ADDRESS_LINE("a letter, a digit or an apostrophe", "letters, digits, spaces and ' \" - . , / ( ) & # \u00B0",
                true, true, " .,/()&#\u00B0\"" + APOSTROPHES + HYPHENS);

        private final String start;
        private final String allowed;
        private final boolean startsWithApostrophe;
        private final boolean digits;
        private final String punctuation;

        Text(String start, String allowed, boolean startsWithApostrophe, boolean digits, String punctuation) {
            this.start = start;
            this.allowed = allowed;
            this.startsWithApostrophe = startsWithApostrophe;
            this.digits = digits;
            this.punctuation = punctuation;
        }

        /** Why the value cannot be this kind of text, or null when it can. */
        private String whyNot(String column, String value) {
            int first = value.codePointAt(0);
            boolean startsWell = Character.isLetter(first) || digits && Character.isDigit(first)
                    || startsWithApostrophe && APOSTROPHES.indexOf(first) >= 0;
            if (!startsWell) {
                return column + " must start with " + start + ", not " + shown(first);
            }
            for (int i = Character.charCount(first); i < value.length(); ) {
                int cp = value.codePointAt(i);
                i += Character.charCount(cp);
                if (!Character.isLetter(cp) && !isMark(cp) && !(digits && Character.isDigit(cp))
                        && punctuation.indexOf(cp) < 0) {
                    return column + " may hold only " + allowed + ", not " + shown(cp);
                }
            }
            return null;
        }
    }

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
    public static LocalDate date(Row row, String column, boolean required) {
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
    public static LocalDate dateNotInFuture(Row row, String column, boolean required, LocalDate today) {
        LocalDate date = date(row, column, required);
        if (date != null && date.isAfter(today)) {
            row.problem(column + " is in the future");
            return null;
        }
        return date;
    }

    /** Nine digits passing the elfproef, or null (after recording a problem when required or invalid). */
    public static String bsn(Row row, String column, boolean required) {
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
    public static String maskedBsn(Row row, String column) {
        String value = row.value(column);
        return value != null && DIGITS.matcher(value).matches() ? Bsn.masked(value) : null;
    }

    /**
     * The address columns of participants.csv (street, house_number, house_letter, house_number_suffix, postcode,
     * city, country), or null after recording problems. Country defaults to NL and is upper case; an NL postcode
     * is required and canonical, a foreign one is free text.
     */
    public static Address address(Row row) {
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

    /**
     * A printed name or address field: the letter must print it exactly ({@link PrintableText}) and it must be
     * text of its {@code kind}. Absent values pass (whether a field is required is checked elsewhere).
     */
    public static void printedText(Row row, String column, Text kind) {
        String value = row.value(column);
        if (value == null || hasOwnReason(value)) {
            return;
        }
        Optional<String> unprintable = PrintableText.whyNot(value);
        if (unprintable.isPresent()) {
            row.problem(column + " " + unprintable.get());
            return;
        }
        String why = kind.whyNot(column, value);
        if (why != null) {
            row.problem(why);
        }
    }

    private static String postcode(Row row, String country) {
        String value = row.value("postcode");
        if (!country.equals("NL")) {
            foreignPostcode(row, value);
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

    /**
     * A postcode abroad is free text in FORMATS.md, but every country writes it with letters, digits, spaces and
     * hyphens (SW1A 1AA, 1000, 10115, 12345-6789, L-1234); anything else is no postcode.
     */
    private static void foreignPostcode(Row row, String value) {
        if (value == null || hasOwnReason(value)) {
            return;
        }
        String field = "postcode of an address outside NL";
        int first = value.codePointAt(0);
        if (!isAsciiLetterOrDigit(first)) {
            row.problem(field + " must start with a letter or a digit, not " + shown(first));
            return;
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (!isAsciiLetterOrDigit(cp) && cp != ' ' && cp != '-') {
                row.problem(field + " may hold only letters A-Z, digits, spaces and hyphens, not " + shown(cp));
                return;
            }
        }
        if (value.length() > FOREIGN_POSTCODE_MAX) {
            row.problem(field + " is longer than " + FOREIGN_POSTCODE_MAX + " characters");
        }
    }

    private static boolean isAsciiLetterOrDigit(int cp) {
        return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9';
    }

    /** A control character or bytes that were not UTF-8: the file rules reject the row with their own reason. */
    private static boolean hasOwnReason(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFD') {
                return true;
            }
        }
        return false;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** One character for a reason: visible ASCII as itself, anything else with its code point too. */
    private static String shown(int cp) {
        if (cp == '\'') {
            return "an apostrophe";
        }
        if (cp == '"') {
            return "a double quote";
        }
        if (cp > 0x20 && cp < 0x7F) {
            return "'" + (char) cp + "'";
        }
        return "'" + Character.toString(cp) + "' (U+%04X)".formatted(cp);
    }
}
