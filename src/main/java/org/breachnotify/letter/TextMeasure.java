package org.breachnotify.letter;

import java.util.ArrayList;
import java.util.List;

/**
 * Width measurement and line breaking with the real glyph widths of the embedded font. Widths are additive (no
 * kerning is applied when text is shown), which lets a line's width be summed word by word.
 */
final class TextMeasure {

    private TextMeasure() {
    }

    static float width(LetterFont font, float size, String text) {
        return font.width(text, size);
    }

    /** The largest size from {@code preferred} down to {@code smallest} (half-point steps) at which every line fits. */
    static float fittingSize(List<String> lines, LetterFont font, float preferred, float smallest, float maxWidth) {
        float widest = 0;
        for (String line : lines) {
            widest = Math.max(widest, font.width(line));
        }
        for (float size = preferred; size > smallest; size -= 0.5f) {
            if (widest * size <= maxWidth) {
                return size;
            }
        }
        return smallest;
    }

    /**
     * Greedy word wrap; a word longer than the line is broken between characters rather than overflowing. A text
     * that fits is returned as it is, spacing included (PostNL's two spaces after the postcode).
     */
    static List<String> wrap(String text, LetterFont font, float size, float maxWidth) {
        if (width(font, size, text) <= maxWidth) {
            return List.of(text);
        }
        float space = width(font, size, " ");
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        float lineWidth = 0;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            float wordWidth = width(font, size, word);
            if (!line.isEmpty() && lineWidth + space + wordWidth <= maxWidth) {
                line.append(' ').append(word);
                lineWidth += space + wordWidth;
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (wordWidth > maxWidth) {
                int cut = longestFittingPrefix(word, font, size, maxWidth);
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
                wordWidth = width(font, size, word);
            }
            line.append(word);
            lineWidth = wordWidth;
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static int longestFittingPrefix(String word, LetterFont font, float size, float maxWidth) {
        int cut = word.offsetByCodePoints(0, 1);
        while (cut < word.length()) {
            int next = word.offsetByCodePoints(cut, 1);
            if (width(font, size, word.substring(0, next)) > maxWidth) {
                break;
            }
            cut = next;
        }
        return cut;
    }
}
