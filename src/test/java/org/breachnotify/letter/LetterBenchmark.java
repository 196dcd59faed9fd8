package org.breachnotify.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.breachnotify.letter.DrawOp.Bars;
import org.breachnotify.letter.DrawOp.Segment;
import org.breachnotify.letter.DrawOp.Text;
import org.breachnotify.register.Address;
import org.breachnotify.register.Group;

/**
 * Letters per second, ours against a naive baseline measured in the same run:
 * {@code mvn -Pbenchmark verify -Dbenchmark.stages=letters [-Dbenchmark.letters=20000]}.
 *
 * <p>Naive: one PDDocument per letter, the TrueType file loaded and embedded (as a subset) for each letter, the
 * same layout drawn with PDPageContentStream, single thread. Ours: {@link LetterRenderer#renderBatch} writing
 * print files of 5,000 letters (the default batch size) on all cores.
 */
class LetterBenchmark {

    private static final int BATCH = 5_000;

    @Test
    void letters_per_second_ours_against_naive(@TempDir Path dir) throws Exception {
        String stages = System.getProperty("benchmark.stages", "all");
        if (!stages.equals("all") && !stages.contains("letters")) {
            return;
        }
        int count = Integer.getInteger("benchmark.letters", 20_000);
        int naiveCount = Math.max(100, Math.min(1_000, count / 20));
        List<LetterContent> letters = sampleLetters(count);
        int cores = Runtime.getRuntime().availableProcessors();

        try (LetterRenderer ours = new LetterRenderer(new LetterTemplates(), cores);
             LetterRenderer oneThread = new LetterRenderer(new LetterTemplates(), 1)) {
            // warm-up of both paths (JIT, caches), not timed
            naive(ours, letters.subList(0, 100));
            batches(ours, letters.subList(0, Math.min(count, 2 * BATCH)), dir);

            long start = System.nanoTime();
            long naiveBytes = naive(ours, letters.subList(0, naiveCount));
            double naiveSeconds = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            batches(oneThread, letters.subList(0, Math.min(count, 2 * BATCH)), dir);
            double oneThreadSeconds = (System.nanoTime() - start) / 1e9;
            int oneThreadCount = Math.min(count, 2 * BATCH);

            resetPeaks();
            long heapBefore = usedHeap();
            start = System.nanoTime();
            long[] result = batches(ours, letters, dir);
            double oursSeconds = (System.nanoTime() - start) / 1e9;
            long peakHeap = peakHeap();

            double naiveRate = naiveCount / naiveSeconds;
            double oneThreadRate = oneThreadCount / oneThreadSeconds;
            double oursRate = count / oursSeconds;
            System.out.printf("""

                    === Letter rendering (%d cores) ===
                    naive (PDDocument + TTF load per letter, 1 thread): %,8.0f letters/s  (%d letters, %.1f ms each, %,d bytes per letter)
                    ours, 1 thread, 5,000-letter print files:          %,8.0f letters/s  (%d letters)
                    ours, %d threads, 5,000-letter print files:         %,8.0f letters/s  (%d letters in %d files)
                    ratio ours/naive: %.1fx (1 thread: %.1fx)
                    print file size: %,.0f KB per 1,000 letters (%,d pages)
                    heap in use before: %,d MB, peak during the batches (sum of heap pools): %,d MB
                    """, cores, naiveRate, naiveCount, 1000 / naiveRate, naiveBytes / naiveCount,
                    oneThreadRate, oneThreadCount, cores, oursRate, count, result[2],
                    oursRate / naiveRate, oneThreadRate / naiveRate,
                    result[0] / 1024.0 / (count / 1000.0), result[1], heapBefore >> 20, peakHeap >> 20);
            assertThat(result[1]).isGreaterThanOrEqualTo(count);
        }
    }

    /** Writes the letters into print files of {@value #BATCH}; answers total bytes, pages and file count. */
    private static long[] batches(LetterRenderer renderer, List<LetterContent> letters, Path dir) throws IOException {
        long bytes = 0;
        long pages = 0;
        long files = 0;
        for (int from = 0; from < letters.size(); from += BATCH) {
            List<LetterContent> batch = letters.subList(from, Math.min(letters.size(), from + BATCH));
            Path file = dir.resolve("batch-" + files + ".pdf");
            try (OutputStream out = Files.newOutputStream(file)) {
                pages += renderer.renderBatch(batch, out, "batch-" + files).totalPages();
            }
            bytes += Files.size(file);
            files++;
            Files.delete(file);
        }
        return new long[] {bytes, pages, files};
    }

    /** The naive way: a document per letter, the font file read and embedded each time. */
    private static long naive(LetterRenderer renderer, List<LetterContent> letters) throws IOException {
        LetterLayout layout = new LetterLayout(LetterFont.fromResource("fonts/DejaVuSans.ttf"),
                LetterFont.fromResource("fonts/DejaVuSans-Bold.ttf"), renderer.templates());
        long bytes = 0;
        for (LetterContent letter : letters) {
            try (PDDocument document = new PDDocument();
                 InputStream regularFile = LetterBenchmark.class.getResourceAsStream("/fonts/DejaVuSans.ttf");
                 InputStream boldFile = LetterBenchmark.class.getResourceAsStream("/fonts/DejaVuSans-Bold.ttf")) {
                PDType0Font regular = PDType0Font.load(document, regularFile);
                PDType0Font bold = PDType0Font.load(document, boldFile);
                for (List<Segment> segments : layout.pages(letter)) {
                    PDPage page = new PDPage(PDRectangle.A4);
                    document.addPage(page);
                    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                        for (Segment segment : segments) {
                            for (DrawOp op : segment.ops()) {
                                if (op instanceof Text t) {
                                    content.setNonStrokingColor(t.gray());
                                    content.beginText();
                                    content.setFont(t.bold() ? bold : regular, t.size());
                                    content.newLineAtOffset(t.x(), LetterLayout.PAGE_HEIGHT - t.baseline());
                                    content.showText(t.text());
                                    content.endText();
                                } else if (op instanceof Bars b) {
                                    content.setNonStrokingColor(0f);
                                    float[] r = b.rectangles();
                                    for (int i = 0; i < r.length; i += 4) {
                                        content.addRect(r[i], LetterLayout.PAGE_HEIGHT - r[i + 1] - r[i + 3], r[i + 2],
                                                r[i + 3]);
                                    }
                                    content.fill();
                                }
                            }
                        }
                    }
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                document.save(out);
                bytes += out.size();
            }
        }
        return bytes;
    }

    private static List<LetterContent> sampleLetters(int count) {
        String[] initials = {"J.A.", "M.", "A.B.C.", null, "Ö.", "T."};
        String[] prefixes = {null, "van der", "de", "van den", null, "ten"};
        String[] surnames = {"Berg", "Jansen", "Öztürk-ĳsselmeer", "Đặng Thị Ngọc Ễ", "d'Hondt", "Bakker",
                "Wijnaendts van Resandt", "Visser", "Smit", "Meijer", "De Vries", "Mulder"};
        String[] streets = {"Keizersgracht", "Burgemeester de Vlugtlaan", "Dorpsstraat", "Laan van Nieuw Oost-Indië"};
        Group[] groups = {Group.GROUP_1, Group.GROUP_2, Group.GROUP_3, Group.GROUP_4};
        List<LetterContent> letters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Address address = new Address(streets[i % streets.length], 1 + i % 300, i % 7 == 0 ? "a" : null, null,
                    String.format("%04d %c%c", 1000 + i % 9000, 'A' + i % 20, 'B' + i % 20), "Amsterdam", "NL");
            letters.add(new LetterContent(String.format("LTR-%04d-%04d-BNCH", i / 10000, i % 10000),
                    groups[i % groups.length], i % 10 == 0 ? "en" : "nl", "v1", initials[i % initials.length],
                    prefixes[i % prefixes.length], surnames[i % surnames.length], address, LocalDate.of(2025, 9, 12),
                    String.format("R%03d-%04d", i % 1000, i % 7919)));
        }
        return letters;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
