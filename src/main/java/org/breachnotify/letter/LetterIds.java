package org.breachnotify.letter;

import java.security.SecureRandom;

/**
 * Unguessable letter ids and lookup references: random, not derived from anything about the person.
 * Crockford base32 (no I, L, O, U) so they read and type well: {@code LTR-7KQ2-M9XD-4HTP}.
 */
public final class LetterIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private LetterIds() {
    }

    /** 60 random bits. */
    public static String newLetterId() {
        return "LTR-" + groups(3);
    }

    /** 40 random bits, printed next to the letter id for the "is this letter genuine?" check. */
    public static String newLookupReference() {
        return groups(2);
    }

    private static String groups(int count) {
        StringBuilder sb = new StringBuilder(count * 5);
        for (int g = 0; g < count; g++) {
            if (g > 0) {
                sb.append('-');
            }
            for (int i = 0; i < 4; i++) {
                sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
            }
        }
        return sb.toString();
    }
}
