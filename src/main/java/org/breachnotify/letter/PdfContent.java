package org.breachnotify.letter;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.breachnotify.letter.DrawOp.Bars;
import org.breachnotify.letter.DrawOp.Text;

/**
 * Turns drawing operations into PDF content-stream operators, written directly as bytes: text as glyph ids of the
 * embedded fonts ({@code /F1} regular, {@code /F2} bold, Identity-H), bar codes as filled rectangles. Records which
 * glyphs it used, so the file can embed exactly that subset. One instance per thread; reset between streams.
 */
final class PdfContent {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final LetterLayout layout;
    private final BitSet regularGlyphs = new BitSet();
    private final BitSet boldGlyphs = new BitSet();
    private byte[] buffer = new byte[16 * 1024];
    private int length;
    private float gray = Float.NaN;

    PdfContent(LetterLayout layout) {
        this.layout = layout;
    }

    /** Starts a new stream; the graphics state of the caller is unknown, so the first colour is always set. */
    void reset() {
        length = 0;
        gray = Float.NaN;
    }

    BitSet regularGlyphs() {
        return regularGlyphs;
    }

    BitSet boldGlyphs() {
        return boldGlyphs;
    }

    void draw(List<DrawOp> ops) {
        for (DrawOp op : ops) {
            if (op instanceof Text text) {
                text(text);
            } else if (op instanceof Bars bars) {
                bars(bars);
            }
        }
    }

    /** Draws form XObject {@code name} of the page's resources, leaving the graphics state as it was. */
    void form(String name) {
        ascii("q /").ascii(name).ascii(" Do Q\n");
    }

    byte[] bytes() {
        return Arrays.copyOf(buffer, length);
    }

    /**
     * A line of text as glyph ids in drawing order (see {@link VisualText}). Right-to-left text is drawn in visual
     * order without an {@code /ActualText} span: text extraction (poppler, PDFBox) recognises the right-to-left
     * characters and reads them back in reading order, which an ActualText in reading order would reverse again.
     */
    private void text(Text t) {
        setGray(t.gray());
        int[] glyphs = layout.font(t.bold()).glyphs(t.text());
        BitSet used = t.bold() ? boldGlyphs : regularGlyphs;
        ascii(t.bold() ? "BT /F2 " : "BT /F1 ").number(t.size()).ascii(" Tf ").number(t.x()).ascii(" ")
                .number(LetterLayout.PAGE_HEIGHT - t.baseline()).ascii(" Td <");
        ensure(glyphs.length * 4 + 16);
        for (int gid : glyphs) {
            used.set(gid);
            hex4(gid);
        }
        ascii("> Tj ET\n");
    }

    /** Four hex digits of a 16-bit value; the caller has ensured room. */
    private void hex4(int value) {
        buffer[length++] = HEX[(value >> 12) & 0xF];
        buffer[length++] = HEX[(value >> 8) & 0xF];
        buffer[length++] = HEX[(value >> 4) & 0xF];
        buffer[length++] = HEX[value & 0xF];
    }

    private void bars(Bars bars) {
        setGray(0f);
        float[] r = bars.rectangles();
        for (int i = 0; i < r.length; i += 4) {
            number(r[i]).ascii(" ").number(LetterLayout.PAGE_HEIGHT - r[i + 1] - r[i + 3]).ascii(" ")
                    .number(r[i + 2]).ascii(" ").number(r[i + 3]).ascii(" re\n");
        }
        ascii("f\n");
    }

    private void setGray(float level) {
        if (level != gray) {
            number(level).ascii(" g\n");
            gray = level;
        }
    }

    /** A number with at most two decimals, as PDF wants it (no exponent, no trailing zeros). */
    private PdfContent number(float value) {
        long hundredths = Math.round(value * 100.0);
        ensure(24);
        if (hundredths < 0) {
            buffer[length++] = '-';
            hundredths = -hundredths;
        }
        appendLong(hundredths / 100);
        int fraction = (int) (hundredths % 100);
        if (fraction != 0) {
            buffer[length++] = '.';
            buffer[length++] = (byte) ('0' + fraction / 10);
            if (fraction % 10 != 0) {
                buffer[length++] = (byte) ('0' + fraction % 10);
            }
        }
        return this;
    }

    private void appendLong(long value) {
        if (value >= 10) {
            appendLong(value / 10);
        }
        buffer[length++] = (byte) ('0' + value % 10);
    }

    private PdfContent ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
