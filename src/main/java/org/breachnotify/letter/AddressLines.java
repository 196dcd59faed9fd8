package org.breachnotify.letter;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.breachnotify.register.Address;

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
     * Name, street and number, postcode and city; abroad also the country, in upper case as the last line.
     * Dutch postcode and city are separated by two spaces, as PostNL asks.
     */
    static List<String> lines(LetterContent c, Locale language) {
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

    /** NFC so that names typed with combining accents print with the font's composed glyphs; no stray whitespace. */
    static String clean(String s) {
        return s == null ? "" : Normalizer.normalize(s, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
    }

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
