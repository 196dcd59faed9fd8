package org.breachnotify.letter;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.COSWriter;

/**
 * Writes a PDF object by object, straight to its output, so that a print file of thousands of letters needs memory
 * for a few letters at a time. PDFBox itself keeps every object of a document in memory until it saves, which for
 * 5,000 letters meant several hundred MB of heap. Callers allocate object numbers, write objects in any order
 * (a page may point at a font written only at the end), and finish with the page tree, catalogue, cross-reference
 * table and trailer. The output is a function of what was written, byte for byte: no dates, no random ids. Every
 * page has the same size. The target stream is flushed at the end, never closed: it belongs to the caller.
 */
final class PdfFile {

    private static final int CATALOG = 1;
    private static final int PAGE_TREE = 2;

    private final CountingOutputStream out;
    /** Stands for the page tree in copied objects. */
    private final COSDictionary pageTree = new COSDictionary();
    private final List<Integer> pages = new ArrayList<>();
    private final String pageBox;
    private long[] offsets = new long[1024];
    private int nextObject = PAGE_TREE + 1;

    PdfFile(OutputStream target, float pageWidth, float pageHeight) throws IOException {
        out = new CountingOutputStream(new BufferedOutputStream(target, 64 * 1024));
        pageBox = "[0 0 " + number(pageWidth) + " " + number(pageHeight) + "]";
        // the comment with high bytes tells transfer tools the file is binary
        out.write(new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '7', '\n', '%', (byte) 0xE2, (byte) 0xE3,
                (byte) 0xCF, (byte) 0xD3, '\n'});
    }

    /** {@code [0 0 width height]}, for a page's MediaBox or a form's BBox. */
    String pageBox() {
        return pageBox;
    }

    int pageCount() {
        return pages.size();
    }

    int allocate() {
        if (nextObject == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        return nextObject++;
    }

    /** A stream object whose data is already Flate-compressed; {@code entries} are further dictionary entries. */
    void writeFlateStream(int number, String entries, byte[] compressed) throws IOException {
        startObject(number);
        ascii("<< " + entries + " /Filter /FlateDecode /Length " + compressed.length + " >>\nstream\n");
        out.write(compressed);
        ascii("\nendstream");
        endObject();
    }

    /** Adds a page showing content stream {@code content}, with the given resource dictionary. */
    void addPage(String resources, int content) throws IOException {
        page("/Resources " + resources + " /Contents " + content + " 0 R");
    }

    void addBlankPage() throws IOException {
        page("/Resources << >>");
    }

    private void page(String entries) throws IOException {
        int number = allocate();
        pages.add(number);
        startObject(number);
        ascii("<< /Type /Page /Parent " + PAGE_TREE + " 0 R /MediaBox " + pageBox + " " + entries + " >>");
        endObject();
    }

    /** Copies a PDFBox object graph (e.g. an embedded font) under {@code number}, with everything it references. */
    void writeCopy(int number, COSBase object) throws IOException {
        Map<COSBase, Integer> numbers = new IdentityHashMap<>();
        numbers.put(pageTree, PAGE_TREE);
        numbers.put(object, number);
        Deque<COSBase> pending = new ArrayDeque<>();
        writeObject(number, object, numbers, pending);
        while (!pending.isEmpty()) {
            COSBase next = pending.poll();
            writeObject(numbers.get(next), next, numbers, pending);
        }
    }

    /** Writes page tree, catalogue, cross-reference table and trailer. */
    void finish(String title) throws IOException {
        startObject(PAGE_TREE);
        ascii("<< /Type /Pages /Count " + pages.size() + " /Kids [");
        for (int i = 0; i < pages.size(); i++) {
            ascii((i % 16 == 0 ? "\n" : " ") + pages.get(i) + " 0 R");
        }
        ascii("\n] >>");
        endObject();
        startObject(CATALOG);
        ascii("<< /Type /Catalog /Pages " + PAGE_TREE + " 0 R >>");
        endObject();
        int info = allocate();
        startObject(info);
        ascii("<< /Producer (breach-notify) /Title ");
        COSWriter.writeString(new COSString(title), out);
        ascii(" >>");
        endObject();

        long xref = out.count();
        StringBuilder table = new StringBuilder("xref\n0 ").append(nextObject).append("\n0000000000 65535 f \n");
        for (int number = 1; number < nextObject; number++) {
            String offset = Long.toString(offsets[number]); // "%010d", without a Formatter per object
            table.append("0000000000", offset.length(), 10).append(offset).append(" 00000 n \n");
        }
        ascii(table.toString());
        ascii("trailer\n<< /Size " + nextObject + " /Root " + CATALOG + " 0 R /Info " + info
                + " 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        out.flush();
    }

    private static String number(float value) {
        return new java.math.BigDecimal(value).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    private void writeObject(int number, COSBase object, Map<COSBase, Integer> numbers, Deque<COSBase> pending)
            throws IOException {
        startObject(number);
        if (object instanceof COSStream stream) {
            byte[] data;
            try (InputStream raw = stream.createRawInputStream()) {
                data = raw.readAllBytes();
            }
            writeDictionary(stream, numbers, pending, data.length);
            ascii("\nstream\n");
            out.write(data);
            ascii("\nendstream");
        } else {
            writeDirect(object, numbers, pending);
        }
        endObject();
    }

    private void writeDirect(COSBase value, Map<COSBase, Integer> numbers, Deque<COSBase> pending)
            throws IOException {
        if (value instanceof COSObject reference) {
            writeReference(reference.getObject(), numbers, pending);
        } else if (value instanceof COSStream stream) {
            writeReference(stream, numbers, pending); // a stream is always an indirect object
        } else if (value instanceof COSDictionary dictionary) {
            writeDictionary(dictionary, numbers, pending, -1);
        } else if (value instanceof COSArray array) {
            ascii("[");
            for (int i = 0; i < array.size(); i++) {
                ascii(i == 0 ? "" : " ");
                writeDirect(array.get(i), numbers, pending);
            }
            ascii("]");
        } else if (value instanceof COSString string) {
            COSWriter.writeString(string, out);
        } else if (value instanceof COSName name) {
            name.writePDF(out);
        } else if (value instanceof COSInteger integer) {
            integer.writePDF(out);
        } else if (value instanceof COSFloat number) {
            number.writePDF(out);
        } else if (value instanceof COSBoolean bool) {
            bool.writePDF(out);
        } else if (value == null || value instanceof COSNull) {
            ascii("null");
        } else {
            throw new IOException("Cannot copy PDF object of type " + value.getClass().getSimpleName());
        }
    }

    /** {@code streamLength} is -1 for a plain dictionary; a stream gets its length from the bytes copied. */
    private void writeDictionary(COSDictionary dictionary, Map<COSBase, Integer> numbers, Deque<COSBase> pending,
                                 long streamLength) throws IOException {
        ascii("<<");
        for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
            boolean isStreamLength = streamLength >= 0 && COSName.LENGTH.equals(entry.getKey());
            if (isStreamLength || entry.getValue() == null) {
                continue;
            }
            ascii(" ");
            entry.getKey().writePDF(out);
            ascii(" ");
            writeDirect(entry.getValue(), numbers, pending);
        }
        if (streamLength >= 0) {
            ascii(" /Length " + streamLength);
        }
        ascii(" >>");
    }

    private void writeReference(COSBase target, Map<COSBase, Integer> numbers, Deque<COSBase> pending)
            throws IOException {
        if (target == null || target instanceof COSNull) {
            ascii("null");
            return;
        }
        Integer number = numbers.get(target);
        if (number == null) {
            number = allocate();
            numbers.put(target, number);
            pending.add(target);
        }
        ascii(number + " 0 R");
    }

    private void startObject(int number) throws IOException {
        offsets[number] = out.count();
        ascii(number + " 0 obj\n");
    }

    private void endObject() throws IOException {
        ascii("\nendobj\n");
    }

    private void ascii(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Knows the byte offset of what it writes next, for the cross-reference table. */
    private static final class CountingOutputStream extends FilterOutputStream {

        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        long count() {
            return count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
