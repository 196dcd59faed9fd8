package org.breachnotify.register;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;

/**
 * How every text field of a person is read, and how names are compared. One piece for import, matching and letters:
 * <ul>
 * <li>{@link #clean}: Unicode NFC (a decomposed "Müller" is the same name as a composed one), every Unicode space
 * (no-break, narrow no-break, ...) a plain space, invisible format characters (soft hyphen, zero-width space and
 * joiners, direction marks, byte-order mark) removed, then trimmed;</li>
 * <li>{@link #foldedKey}: the form in which surnames are compared: every Latin letter folded to its ASCII spelling
 * with ICU's {@code Latin-ASCII} transliteration (ł→l, ı→i, ß→ss, æ→ae, ø→o, œ→oe, þ→th, đ→d, ħ→h, accents
 * dropped), lower case, and only letters and digits kept, so prefix, spaces, hyphens and apostrophes do not count.
 * Letters of other scripts are kept as they are.</li>
 * </ul>
 */
public final class PersonText {
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
    /** Transliterators are not safe for concurrent use; one per thread. */
    private static final ThreadLocal<Transliterator> FOLD = ThreadLocal.withInitial(() ->
            Transliterator.getInstance("Any-NFD; [:Nonspacing Mark:] Remove; Any-NFC; Latin-ASCII; Any-Lower"));

    private PersonText() {
    }

    /** A field's value after cleaning, and whether invisible characters were removed from it. */
    public record Cleaned(String value, boolean hadInvisible) {
    }

    /**
     * The value as stored, validated and printed.
     *
     * @param raw a field as read from a file (never null)
     * @return the cleaned value (empty when nothing visible was in it) and whether invisible characters were dropped
     */
    public static Cleaned clean(String raw) {
        if (isPlainAscii(raw)) {
            return new Cleaned(raw.strip(), false); // most fields: nothing to normalise, nothing invisible
        }
        String nfc = NFC.normalize(raw);
        StringBuilder out = new StringBuilder(nfc.length());
        boolean invisible = false;
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.FORMAT) {
                invisible = true;
            } else if (Character.isSpaceChar(cp)) {
                out.append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
        return new Cleaned(out.toString().strip(), invisible);
    }

    /** Printable ASCII and spaces only: NFC, folding and the invisible-character checks change nothing. */
    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /**
     * The comparison key of a surname with its prefix: {@code "van der Berg"}, {@code "VanderBerg"} and
     * {@code "van-der-Bérg"} all give {@code "vanderberg"}; {@code "Wałęsa"} and {@code "WALESA"} give
     * {@code "walesa"}; {@code "Straßer"} gives {@code "strasser"}.
     */
    public static String foldedKey(String prefix, String surname) {
        String full = clean((prefix == null ? "" : prefix) + (surname == null ? "" : surname)).value();
        String folded = isPlainAscii(full) ? full.toLowerCase(java.util.Locale.ROOT) : FOLD.get().transliterate(full);
        StringBuilder key = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.toString();
    }
}
