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
    /** Per glyph the lowest code point the font maps to it; -1 for a glyph no character maps to. */
    private final int[] codePointOf;

    private LetterFont(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
        try (TrueTypeFont font = parse()) {
            CmapLookup cmap = font.getUnicodeCmapLookup();
            glyphOf = new int[MAX_CODE_POINT + 1];
            codePointOf = new int[font.getNumberOfGlyphs()];
            Arrays.fill(codePointOf, -1);
            for (int cp = 0; cp <= MAX_CODE_POINT; cp++) {
                int gid = cmap.getGlyphId(cp);
                glyphOf[cp] = gid;
                if (gid > 0 && gid < codePointOf.length && codePointOf[gid] < 0) {
                    codePointOf[gid] = cp;
                }
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

    /**
     * The {@code /ToUnicode} CMap (PDF 32000-1, 9.10.3) for the given glyphs of an Identity-H subset: each glyph
     * to the character it shows, except that Arabic presentation forms map to their letters (Unicode compatibility
     * decomposition: a joined form to its letter, the lam-alef ligature to lam and alef), so that copied or
     * extracted text is the name as written rather than its drawn forms.
     */
    byte[] toUnicodeCMap(java.util.Collection<Integer> glyphIds) {
        StringBuilder entries = new StringBuilder();
        int count = 0;
        StringBuilder cmap = new StringBuilder("""
                /CIDInit /ProcSet findresource begin
                12 dict begin
                begincmap
                /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
                /CMapName /Adobe-Identity-UCS def
                /CMapType 2 def
                1 begincodespacerange
                <0000> <FFFF>
                endcodespacerange
                """);
        for (int gid : new java.util.TreeSet<>(glyphIds)) {
            int cp = gid < codePointOf.length ? codePointOf[gid] : -1;
            if (cp < 0) {
                continue;
            }
            String text = new String(Character.toChars(cp));
            if (cp >= 0xFB50 && cp <= 0xFDFF || cp >= 0xFE70 && cp <= 0xFEFF) {
                text = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
            }
            entries.append("<%04X> <".formatted(gid));
            text.chars().forEach(unit -> entries.append("%04X".formatted(unit)));
            entries.append(">\n");
            if (++count == 100) {   // at most 100 entries per block
                cmap.append("100 beginbfchar\n").append(entries).append("endbfchar\n");
                entries.setLength(0);
                count = 0;
            }
        }
        if (count > 0) {
            cmap.append(count).append(" beginbfchar\n").append(entries).append("endbfchar\n");
        }
        cmap.append("""
                endcmap
                CMapName currentdict /CMap defineresource pop
                end
                end
                """);
        return cmap.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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
