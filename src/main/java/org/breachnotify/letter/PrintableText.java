package org.breachnotify.letter;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a letter can print a text exactly as given: the rule the import applies to every printed field (names,
 * address) and the letter applies again before it is composed, so that a name the letter cannot print is refused at
 * import, with the field and the script named, instead of stalling a journey or spoiling a print batch.
 *
 * <p>The letter draws glyphs from the bundled DejaVu Sans without an OpenType shaping engine. So it prints every
 * script whose letters need no shaping (Latin with all its accents and stacked marks, Greek, Cyrillic, Georgian,
 * Armenian, ...), and Hebrew and Arabic letters, which {@link VisualText} orders right to left and joins (Arabic
 * presentation forms). It refuses: Hebrew points and Arabic vowel marks (without mark positioning they would land
 * beside their letter), other right-to-left scripts (Syriac, Thaana, N'Ko, ...), scripts whose letters must be
 * shaped (Devanagari and the other Indic scripts, Thai, Khmer, Myanmar, Mongolian, ...), and characters the fonts
 * have no glyph for (Han, Hangul, Kana, ...).
 */
public final class PrintableText {
    private static final Set<Character.UnicodeScript> NEEDS_SHAPING = EnumSet.of(
            Character.UnicodeScript.DEVANAGARI, Character.UnicodeScript.BENGALI, Character.UnicodeScript.GURMUKHI,
            Character.UnicodeScript.GUJARATI, Character.UnicodeScript.ORIYA, Character.UnicodeScript.TAMIL,
            Character.UnicodeScript.TELUGU, Character.UnicodeScript.KANNADA, Character.UnicodeScript.MALAYALAM,
            Character.UnicodeScript.SINHALA, Character.UnicodeScript.THAI, Character.UnicodeScript.LAO,
            Character.UnicodeScript.TIBETAN, Character.UnicodeScript.MYANMAR, Character.UnicodeScript.KHMER,
            Character.UnicodeScript.MONGOLIAN, Character.UnicodeScript.JAVANESE, Character.UnicodeScript.BALINESE,
            Character.UnicodeScript.SYRIAC, Character.UnicodeScript.NKO, Character.UnicodeScript.THAANA);

    private PrintableText() {
    }

    /** The fonts the letters are drawn with, read once. */
    private static final class Fonts {
        static final LetterFont REGULAR = LetterFont.fromResource("fonts/DejaVuSans.ttf");
        static final LetterFont BOLD = LetterFont.fromResource("fonts/DejaVuSans-Bold.ttf");

        static boolean canShow(int cp) {
            return REGULAR.canShow(cp) && BOLD.canShow(cp);
        }
    }

    /**
     * Why the letter cannot print the text, if it cannot.
     *
     * @param text a cleaned field value (see {@code PersonText.clean}); null or empty is printable
     * @return empty when every character prints as given; otherwise a phrase such as
     *         {@code "is in the Han script, which the letter font cannot print"}, to follow the field's name
     */
    public static Optional<String> whyNot(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            return Optional.empty(); // plain ASCII: the font has every glyph
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp)) {
                continue; // line breaks and other controls are refused by the file rules, with their own reason
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            byte direction = Character.getDirectionality(cp);
            boolean joined = script == Character.UnicodeScript.HEBREW || script == Character.UnicodeScript.ARABIC;
            if (Character.getType(cp) == Character.NON_SPACING_MARK && VisualText.hasRightToLeft(text)) {
                return Optional.of("carries vowel marks (U+%04X) on right-to-left letters, which the letters cannot "
                        .formatted(cp) + "place yet; give the name without them");
            }
            if (!joined && (direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                    || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC)) {
                return Optional.of("is in the " + name(script) + " script, written right to left, which the letters "
                        + "cannot print yet");
            }
            if (NEEDS_SHAPING.contains(script)) {
                return Optional.of("is in the " + name(script) + " script, whose letters must be joined, which the "
                        + "letters cannot print yet");
            }
            if (!Fonts.canShow(cp)) {
                return Optional.of("is in the " + name(script) + " script (U+%04X), which the letter font cannot print"
                        .formatted(cp));
            }
        }
        if (VisualText.hasRightToLeft(text)) {
            String drawn = VisualText.of(text);
            for (int i = 0; i < drawn.length(); ) {
                int cp = drawn.codePointAt(i);
                i += Character.charCount(cp);
                if (!Character.isISOControl(cp) && !Fonts.canShow(cp)) {
                    return Optional.of("holds a joined letter form (U+%04X) the letter font cannot print".formatted(cp));
                }
            }
        }
        return Optional.empty();
    }

    private static String name(Character.UnicodeScript script) {
        String lower = script.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
