package org.breachnotify.register;

/**
 * The form in which surnames are compared: prefix included, case, accents, spaces, hyphens and apostrophes ignored,
 * every Latin letter folded to ASCII ({@link PersonText#foldedKey}). {@code "van der Berg"}, {@code "VanderBerg"} and
 * {@code "van-der-Bérg"} all give {@code "vanderberg"}.
 */
public final class SurnameKey {
    private SurnameKey() {
    }

    public static String of(String prefix, String surname) {
        return PersonText.foldedKey(prefix, surname);
    }
}
