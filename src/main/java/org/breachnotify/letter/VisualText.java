package org.breachnotify.letter;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;

/**
 * A line of text in the order its glyphs are drawn, left to right: Hebrew and Arabic runs reversed as the Unicode
 * Bidirectional Algorithm (UAX #9) orders them inside a left-to-right paragraph, and Arabic letters replaced by
 * their joined presentation forms (ICU's {@link ArabicShaping}), since the letters are drawn without an OpenType
 * shaping engine. Line breaking happens before this, on the text in reading order, as UAX #9 prescribes.
 *
 * <p>Text without right-to-left characters is returned as it is, at the cost of one scan.
 */
final class VisualText {

    private VisualText() {
    }

    /** Whether the text holds a character of a right-to-left block (Hebrew, Arabic and their presentation forms). */
    static boolean hasRightToLeft(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x0590 && (c <= 0x08FF || c >= 0xFB1D && c <= 0xFDFF || c >= 0xFE70 && c <= 0xFEFF)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The line in drawing order.
     *
     * @param logical one line in reading (logical) order
     * @return the same string when it has no right-to-left character; otherwise Arabic shaped, runs reordered,
     *         mirrored characters such as brackets mirrored
     */
    static String of(String logical) {
        if (!hasRightToLeft(logical)) {
            return logical;
        }
        String shaped;
        try {
            shaped = new ArabicShaping(ArabicShaping.LETTERS_SHAPE | ArabicShaping.TEXT_DIRECTION_LOGICAL
                    | ArabicShaping.LENGTH_GROW_SHRINK).shape(logical);
        } catch (ArabicShapingException e) {
            throw new IllegalArgumentException("the text cannot be shaped: " + e.getMessage(), e);
        }
        return new Bidi(shaped, Bidi.LTR).writeReordered(Bidi.DO_MIRRORING | Bidi.REMOVE_BIDI_CONTROLS);
    }
}
