package org.breachnotify.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * One bundled TrueType font, read once: code point to glyph id and glyph widths as plain arrays, so that
 * measuring and encoding text is lock-free and safe from any number of rendering threads. A parsed
 * {@link TrueTypeFont} is not thread-safe; a fresh one is parsed only when a PDF file embeds the font.
 */
final class LetterFont {

    /** Code points looked up in advance: the Basic and Supplementary Multilingual Planes. */
    private static final int MAX_CODE_POINT = 0x1FFFF;

    private final String name;
    private final byte[] bytes;
    private final int[] glyphOf;
    /** Advance width per glyph in 1/1000 em, rounded as the PDF's /W array gives it. */
    private final int[] advance;

    private LetterFont(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
        try (TrueTypeFont font = parse()) {
            CmapLookup cmap = font.getUnicodeCmapLookup();
            glyphOf = new int[MAX_CODE_POINT + 1];
            for (int cp = 0; cp <= MAX_CODE_POINT; cp++) {
                glyphOf[cp] = cmap.getGlyphId(cp);
            }
            float scale = 1000f / font.getUnitsPerEm();
            advance = new int[font.getNumberOfGlyphs()];
            for (int gid = 0; gid < advance.length; gid++) {
                advance[gid] = Math.round(font.getAdvanceWidth(gid) * scale);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bundled font " + name + " cannot be read", e);
        }
    }

    static LetterFont fromResource(String resource) {
        try (InputStream in = LetterFont.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing font resource " + resource);
            }
            return new LetterFont(resource, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the font has a glyph for the code point. */
    boolean canShow(int cp) {
        return cp <= MAX_CODE_POINT && glyphOf[cp] != 0;
    }

    /** A new parsed instance of the font, owned by the caller (for embedding a subset in one file). */
    TrueTypeFont parse() {
        try {
            return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("bundled font " + name + " cannot be read", e);
        }
    }

    /** Width of {@code text} (in reading order) at 1 pt, in points, as drawn (see {@link VisualText}). */
    float width(String text) {
        text = VisualText.of(text);
        long units = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            units += advance[glyph(cp)];
            i += Character.charCount(cp);
        }
        return units / 1000f;
    }

    float width(String text, float size) {
        return width(text) * size;
    }

    /**
     * The glyph ids of {@code text} (one line in reading order) in drawing order: right-to-left runs reversed and
     * Arabic joined (see {@link VisualText}). A character the font cannot show is refused, naming the code point.
     */
    int[] glyphs(String text) {
        text = VisualText.of(text);
        int[] glyphs = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            glyphs[n++] = glyph(cp);
            i += Character.charCount(cp);
        }
        return n == glyphs.length ? glyphs : Arrays.copyOf(glyphs, n);
    }

    /** The glyph id of one code point, taken as it is (no reordering, no shaping); refused when the font lacks it. */
    int glyph(int cp) {
        int gid = cp <= MAX_CODE_POINT ? glyphOf[cp] : 0;
        if (gid == 0) {
            throw new IllegalArgumentException(
                    "the font has no glyph for character U+%04X".formatted(cp));
        }
        return gid;
    }
}
