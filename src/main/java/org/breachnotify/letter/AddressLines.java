package org.breachnotify.letter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.breachnotify.register.Address;
import org.breachnotify.register.PersonText;

/** The texts of the address block and the salutation name, as PostNL and the register's rules want them. */
final class AddressLines {

    private AddressLines() {
    }

    /**
     * {@code J.A. van der Berg}: initials as given, prefix in lower case, surname exactly as given. Without
     * initials the prefix opens the name and is capitalised ({@code Van der Berg}), as Dutch spelling requires.
     */
    static String personName(String initials, String surnamePrefix, String surname) {
        String first = clean(initials);
        String prefix = clean(surnamePrefix).toLowerCase(Locale.ROOT);
        if (first.isEmpty() && !prefix.isEmpty()) {
            prefix = prefix.substring(0, 1).toUpperCase(Locale.ROOT) + prefix.substring(1);
        }
        return join(" ", first, prefix, clean(surname));
    }

    /**
     * The address block's lines under the letter's {@link AddressLayout}: the name, then the address in its
     * country's postal order, abroad the country last in capitals. Empty lines are left out.
     */
    static List<String> lines(LetterContent c, Locale language) {
        List<String> lines = switch (c.addressLayout()) {
            case FIRST -> firstLayout(c, language);
            case POSTAL_ORDER -> postalOrder(c, language);
        };
        lines.removeIf(String::isEmpty);
        return lines;
    }

    /**
     * Countries whose addresses put the house number before the street name ({@code 10 Downing Street},
     * {@code 16 rue de la Paix}), after the postal operators' addressing guides (Royal Mail, La Poste, USPS,
     * Canada Post, Australia Post, An Post); elsewhere the number follows the street, as in the Netherlands.
     */
    private static final Set<String> NUMBER_FIRST = Set.of("FR", "MC", "LU", "GB", "IE", "US", "CA", "AU", "NZ");
    /** The postcode on a line of its own below the town (Royal Mail; An Post's Eircode). */
    private static final Set<String> POSTCODE_OWN_LINE = Set.of("GB", "IE");
    /**
     * The postcode after the town on its line ({@code WASHINGTON DC 20500}); the order of Google's libaddressinput
     * address formats ({@code %C %S %Z}). Everywhere else the postcode stands before the town.
     */
    private static final Set<String> POSTCODE_AFTER_TOWN = Set.of("US", "CA", "AU", "NZ");

    private static List<String> postalOrder(LetterContent c, Locale language) {
        Address a = c.address();
        List<String> lines = new ArrayList<>();
        lines.add(personName(c.initials(), c.surnamePrefix(), c.surname()));
        String street = clean(a.street());
        String town = clean(a.city()).toUpperCase(Locale.ROOT);
        String postcode = clean(a.postcode()).toUpperCase(Locale.ROOT);
        if (a.isDomestic()) {
            lines.add(join(" ", street, nen5825Number(a)));
            lines.add(join("  ", postcode, town));
            return lines;
        }
        String country = a.country().strip().toUpperCase(Locale.ROOT);
        String number = a.houseNumberText();
        lines.add(NUMBER_FIRST.contains(country) ? join(" ", number, street) : join(" ", street, number));
        if (POSTCODE_OWN_LINE.contains(country)) {
            lines.add(town);
            lines.add(postcode);
        } else if (POSTCODE_AFTER_TOWN.contains(country)) {
            lines.add(join(" ", town, postcode));
        } else {
            lines.add(join(" ", postcode, town));
        }
        lines.add(countryName(country, language));
        return lines;
    }

    /**
     * House number and addition as NEN 5825:2002 writes them, and the population register after it (Haal Centraal
     * BRP, {@code adresregel1}): the addition is the house letter followed by the suffix, after a hyphen when it
     * starts with a digit and after a space otherwise ({@code 103 c}, {@code 9-2}, {@code 35 III}, {@code 555 B73c}).
     */
    static String nen5825Number(Address a) {
        String addition = clean(a.houseLetter()) + clean(a.houseNumberSuffix());
        if (addition.isEmpty()) {
            return Integer.toString(a.houseNumber());
        }
        return a.houseNumber() + (Character.isDigit(addition.charAt(0)) ? "-" : " ") + addition;
    }

    /** {@link AddressLayout#FIRST}: postcode before the town everywhere; kept for letters made under it. */
    private static List<String> firstLayout(LetterContent c, Locale language) {
        Address a = c.address();
        List<String> lines = new ArrayList<>();
        lines.add(personName(c.initials(), c.surnamePrefix(), c.surname()));
        lines.add(join(" ", clean(a.street()), a.houseNumberText()));
        String city = clean(a.city()).toUpperCase(Locale.ROOT);
        if (a.isDomestic()) {
            lines.add(join("  ", clean(a.postcode()), city));
        } else {
            lines.add(join(" ", clean(a.postcode()), city));
            lines.add(countryName(a.country().strip(), language));
        }
        return lines;
    }

    /** The country in the letter's language from the JDK's CLDR data (BELGIË / BELGIUM); unknown codes as given. */
    static String countryName(String isoCode, Locale language) {
        String code = isoCode.toUpperCase(Locale.ROOT);
        String name = new Locale("", code).getDisplayCountry(language);
        return (name.isBlank() ? code : name).toUpperCase(Locale.ROOT);
    }

    /**
     * The value cleaned as at import ({@link PersonText#clean}: NFC, so that names typed with combining accents print
     * with the font's composed glyphs; no invisible characters), runs of spaces made one.
     */
    static String clean(String s) {
        return s == null ? "" : SPACE_RUNS.matcher(PersonText.clean(s).value()).replaceAll(" ");
    }

    /** Compiled once: {@code String.replaceAll} compiled it again for every line of every letter. */
    private static final Pattern SPACE_RUNS = Pattern.compile("\\s+");

    private static String join(String separator, String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : separator).append(part);
            }
        }
        return sb.toString();
    }
}
