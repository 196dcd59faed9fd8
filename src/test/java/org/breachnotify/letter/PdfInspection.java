package org.breachnotify.letter;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** Reads back what a rendered letter shows: its text, where each glyph sits, and the filled rectangles. */
final class PdfInspection {

    /** A glyph on a page, in points with y measured from the top edge. */
    record Glyph(String text, float left, float right, float top, float baseline) {
    }

    private PdfInspection() {
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** Text with every run of whitespace reduced to one space, so wrapped sentences can be searched. */
    static String flatText(byte[] pdf) throws IOException {
        return text(pdf).replaceAll("\\s+", " ");
    }

    static List<Glyph> glyphs(byte[] pdf, int pageNumber) throws IOException {
        List<Glyph> glyphs = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    for (TextPosition p : positions) {
                        glyphs.add(new Glyph(p.getUnicode(), p.getXDirAdj(), p.getXDirAdj() + p.getWidthDirAdj(),
                                p.getYDirAdj() - p.getHeightDir(), p.getYDirAdj()));
                    }
                }
            };
            stripper.setStartPage(pageNumber);
            stripper.setEndPage(pageNumber);
            stripper.getText(document);
        }
        return glyphs;
    }

    /** Every rectangle appended to a path on the page (bar code modules), y measured from the top edge. */
    static List<Rectangle2D> rectangles(byte[] pdf, int pageNumber) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(pageNumber - 1);
            float height = page.getMediaBox().getHeight();
            List<Rectangle2D> rectangles = new ArrayList<>();
            new RectangleCollector(page, height, rectangles).processPage(page);
            return rectangles;
        }
    }

    private static final class RectangleCollector extends PDFGraphicsStreamEngine {

        private final float pageHeight;
        private final List<Rectangle2D> rectangles;
        private final Point2D.Float current = new Point2D.Float();

        RectangleCollector(PDPage page, float pageHeight, List<Rectangle2D> rectangles) {
            super(page);
            this.pageHeight = pageHeight;
            this.rectangles = rectangles;
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            double minX = Math.min(Math.min(p0.getX(), p1.getX()), Math.min(p2.getX(), p3.getX()));
            double maxX = Math.max(Math.max(p0.getX(), p1.getX()), Math.max(p2.getX(), p3.getX()));
            double minY = Math.min(Math.min(p0.getY(), p1.getY()), Math.min(p2.getY(), p3.getY()));
            double maxY = Math.max(Math.max(p0.getY(), p1.getY()), Math.max(p2.getY(), p3.getY()));
            rectangles.add(new Rectangle2D.Double(minX, pageHeight - maxY, maxX - minX, maxY - minY));
        }

        @Override
        public void drawImage(PDImage pdImage) {
        }

        @Override
        public void clip(int windingRule) {
        }

        @Override
        public void moveTo(float x, float y) {
            current.setLocation(x, y);
        }

        @Override
        public void lineTo(float x, float y) {
            current.setLocation(x, y);
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            current.setLocation(x3, y3);
        }

        @Override
        public Point2D getCurrentPoint() {
            return current;
        }

        @Override
        public void closePath() {
        }

        @Override
        public void endPath() {
        }

        @Override
        public void strokePath() {
        }

        @Override
        public void fillPath(int windingRule) {
        }

        @Override
        public void fillAndStrokePath(int windingRule) {
        }

        @Override
        public void shadingFill(org.apache.pdfbox.cos.COSName shadingName) {
        }
    }
}
