package org.breachnotify.printhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Concatenates letters into one print file for duplex printing: every letter starts on a new sheet, so a letter
 * with an odd page count is followed by a blank page. The letters' embedded font subsets are copied with their
 * pages.
 *
 * <p>Memory stays bounded however long the batch is: each letter is opened, written straight to the file and closed
 * before the next one (see {@link StreamingPdfWriter}). A failed assembly leaves no partial file behind.
 */
public class PrintFileAssembler {

    public PrintFile assemble(Iterator<LetterPdf> letters, Path target) {
        List<Integer> firstPages = new ArrayList<>();
        try {
            try (StreamingPdfWriter printFile = new StreamingPdfWriter(target)) {
                while (letters.hasNext()) {
                    LetterPdf letter = letters.next();
                    firstPages.add(printFile.pageCount() + 1);
                    append(printFile, letter);
                }
                printFile.finish();
                return new PrintFile(printFile.pageCount(), printFile.pageCount() / 2, firstPages);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(target);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Print file " + target.getFileName() + " could not be written", e);
        }
    }

    private static void append(StreamingPdfWriter printFile, LetterPdf letter) throws IOException {
        try (PDDocument source = Loader.loadPDF(letter.pdf())) {
            int pages = source.getNumberOfPages();
            if (pages == 0) {
                throw new IllegalArgumentException("Letter " + letter.letterId() + " has no pages");
            }
            printFile.addPages(source);
            if (pages % 2 == 1) {
                printFile.addBlankPage(source.getPage(pages - 1).getMediaBox());
            }
        }
    }
}
