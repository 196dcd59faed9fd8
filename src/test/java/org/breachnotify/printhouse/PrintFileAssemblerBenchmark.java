package org.breachnotify.printhouse;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

import org.breachnotify.letter.LetterContent;
import org.breachnotify.letter.LetterRenderer;
import org.breachnotify.register.Address;
import org.breachnotify.register.Group;

/**
 * Not a test (surefire skips *Benchmark*): assembles a print file of 5,000 rendered letters and reports time, file
 * size and peak heap. Run with a small heap (e.g. -Xmx256m) to see that memory stays bounded.
 */
public final class PrintFileAssemblerBenchmark {

    public static void main(String[] args) throws IOException {
        int letters = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        LetterRenderer renderer = new LetterRenderer();
        Address address = new Address("Dorpsstraat", 1, null, null, "1234 AB", "Ergens", "NL");
        List<byte[]> samples = new ArrayList<>();
        for (Group group : new Group[] {Group.GROUP_1, Group.GROUP_2, Group.GROUP_3, Group.GROUP_4}) {
            for (String language : new String[] {"nl", "en"}) {
                samples.add(renderer.render(new LetterContent("BN-" + group + language, group, language, "v1", "J.",
                        null, "Jansen", address, LocalDate.of(2025, 9, 12), "REF")).pdf());
            }
        }
        long inputBytes = IntStream.range(0, letters).mapToLong(i -> samples.get(i % samples.size()).length).sum();
        Iterator<LetterPdf> input = IntStream.range(0, letters)
                .mapToObj(i -> new LetterPdf("L" + i, samples.get(i % samples.size()))).iterator();
        Path target = Files.createTempFile("print-file", ".pdf");
        long start = System.nanoTime();
        PrintFile printFile = new PrintFileAssembler().assemble(input, target);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        try (PDDocument check = Loader.loadPDF(target.toFile())) {
            System.out.printf("%d letters, %d pages (%d in file), %d sheets in %d ms; input %d MB, file %d MB;"
                            + " max heap %d MB, peak heap %d MB%n", letters, printFile.totalPages(),
                    check.getNumberOfPages(), printFile.sheets(), millis, inputBytes >> 20, Files.size(target) >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20);
        }
        if (args.length > 1) {
            Files.move(target, Path.of(args[1]), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(target);
        }
    }
}
