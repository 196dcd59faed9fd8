package org.breachnotify.printhouse;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Writes a PDF object by object while the pages are added, so that a print file of thousands of letters needs
 * memory for one letter at a time. PDFBox itself keeps every object of a document in memory until it saves (and a
 * 4 KB buffer per stream even with a temp-file cache), which for 5,000 letters meant several hundred MB of heap.
 *
 * <p>Each added page is copied with everything it references (resources, fonts, content streams), byte for byte
 * for stream data, under new object numbers. The page tree, catalogue and cross-reference table follow at the end.
 */
final class StreamingPdfWriter implements Closeable {

    private static final int CATALOG = 1;
    private static final int PAGE_TREE = 2;

    private final CountingOutputStream out;
    /** Stands for the page tree in copied pages: references to it are written as the real page tree. */
    private final COSDictionary pageTree = new COSDictionary();
    private final List<Integer> pages = new ArrayList<>();
    private long[] offsets = new long[1024];
    private int nextObject = PAGE_TREE + 1;

    StreamingPdfWriter(Path target) throws IOException {
        out = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(target), 64 * 1024));
        // the comment with high bytes tells transfer tools the file is binary
        out.write(new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '7', '\n', '%', (byte) 0xE2, (byte) 0xE3,
                (byte) 0xCF, (byte) 0xD3, '\n'});
    }

    int pageCount() {
        return pages.size();
    }

    /** Copies all pages of {@code source}, in order; the source may be closed afterwards. */
    void addPages(PDDocument source) throws IOException {
        Map<COSBase, Integer> numbers = new IdentityHashMap<>();
        numbers.put(pageTree, PAGE_TREE);
        Deque<COSBase> pending = new ArrayDeque<>();
        List<PDPage> sourcePages = new ArrayList<>();
        for (PDPage page : source.getPages()) {
            // numbered first, so that links between the letter's own pages point at the copies
            int number = allocate();
            numbers.put(page.getCOSObject(), number);
            pages.add(number);
            sourcePages.add(page);
        }
        for (PDPage page : sourcePages) {
            writeObject(numbers.get(page.getCOSObject()), standAlonePage(page), numbers, pending);
        }
        while (!pending.isEmpty()) {
            COSBase object = pending.poll();
            writeObject(numbers.get(object), object, numbers, pending);
        }
    }

    void addBlankPage(PDRectangle size) throws IOException {
        int number = allocate();
        pages.add(number);
        startObject(number);
        ascii("<< /Type /Page /Parent " + PAGE_TREE + " 0 R /MediaBox [0 0 " + size.getWidth() + " "
                + size.getHeight() + "] /Resources << >> >>");
        endObject();
    }

    /** Writes page tree, catalogue, cross-reference table and trailer. */
    void finish() throws IOException {
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

        long xref = out.count();
        StringBuilder table = new StringBuilder("xref\n0 ").append(nextObject).append("\n0000000000 65535 f \n");
        for (int number = 1; number < nextObject; number++) {
            table.append(String.format("%010d 00000 n \n", offsets[number]));
        }
        ascii(table.toString());
        ascii("trailer\n<< /Size " + nextObject + " /Root " + CATALOG + " 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** The page's own entries without its link into the source's page tree, inherited attributes made explicit. */
    private COSDictionary standAlonePage(PDPage page) {
        COSDictionary copy = new COSDictionary();
        copy.addAll(page.getCOSObject());
        copy.setItem(COSName.PARENT, new COSObject(pageTree));
        if (!copy.containsKey(COSName.MEDIA_BOX)) {
            copy.setItem(COSName.MEDIA_BOX, page.getMediaBox().getCOSArray());
        }
        if (!copy.containsKey(COSName.RESOURCES)) {
            copy.setItem(COSName.RESOURCES, page.getResources().getCOSObject());
        }
        if (!copy.containsKey(COSName.ROTATE) && page.getRotation() != 0) {
            copy.setInt(COSName.ROTATE, page.getRotation());
        }
        return copy;
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

    private int allocate() {
        if (nextObject == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        return nextObject++;
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
