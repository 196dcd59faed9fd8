package org.breachnotify.letter;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;

import uk.org.okapibarcode.backend.Symbol;
import uk.org.okapibarcode.graphics.Rectangle;

/**
 * Drawing on one page with y measured from the top edge, in points, the way letter standards give positions.
 * PDF itself counts y from the bottom; the conversion lives only here.
 */
final class PageCanvas implements Closeable {

    private final PDPageContentStream stream;
    private final float pageHeight;

    PageCanvas(PDDocument document, PDPage page) throws IOException {
        this.stream = new PDPageContentStream(document, page);
        this.pageHeight = page.getMediaBox().getHeight();
    }

    void text(PDFont font, float size, float x, float baselineFromTop, String text) throws IOException {
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(x, pageHeight - baselineFromTop);
        stream.showText(text);
        stream.endText();
    }

    void textRightAligned(PDFont font, float size, float right, float baselineFromTop, String text)
            throws IOException {
        text(font, size, right - TextMeasure.width(font, size, text), baselineFromTop, text);
    }

    void gray(float level) throws IOException {
        stream.setNonStrokingColor(level);
    }

    /**
     * Draws a bar code as filled vector rectangles. Okapi gives the symbol in module units with y downwards;
     * {@code moduleWidth} and {@code moduleHeight} are the sizes of one unit in points.
     */
    void barcode(Symbol symbol, float left, float top, float moduleWidth, float moduleHeight) throws IOException {
        List<Rectangle> rectangles = symbol.getRectangles();
        for (Rectangle r : rectangles) {
            stream.addRect(left + (float) r.x * moduleWidth,
                    pageHeight - top - (float) (r.y + r.height) * moduleHeight,
                    (float) r.width * moduleWidth, (float) r.height * moduleHeight);
        }
        stream.fill();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
