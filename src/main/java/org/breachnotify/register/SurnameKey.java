package org.breachnotify.register;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The form in which surnames are compared: prefix included, case, accents, spaces, hyphens and apostrophes
 * ignored. {@code "van der Berg"}, {@code "VanderBerg"} and {@code "van-der-Bérg"} all give {@code "vanderberg"}.
 */
public final class SurnameKey {
    private SurnameKey() {
    }

    public static String of(String prefix, String surname) {
        String full = (prefix == null ? "" : prefix) + (surname == null ? "" : surname);
        // NFKD splits accents from letters and also turns the Dutch ligature "ĳ" into "ij".
        String decomposed = Normalizer.normalize(full, Normalizer.Form.NFKD);
        StringBuilder key = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)) {
                key.appendCodePoint(cp == 'đ' || cp == 'Đ' ? 'd' : cp == 'ø' || cp == 'Ø' ? 'o' : cp);
            }
        });
        return key.toString().toLowerCase(Locale.ROOT);
    }
}
