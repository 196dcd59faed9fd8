package org.breachnotify.letter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.breachnotify.register.Address;
import org.breachnotify.register.Group;

/**
 * Not a test (surefire skips *Benchmark*): writes one sample letter per group and language for a visual check and
 * times single-threaded rendering after warm-up. Run with the test classpath; optional argument: output folder.
 */
public final class LetterRendererBenchmark {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/letter-samples");
        Files.createDirectories(out);
        LetterRenderer renderer = new LetterRenderer();
        Address domestic = new Address("Burgemeester de Vlugtlaan", 112, "a", "3", "1063 BS", "Amsterdam", "NL");
        Address foreign = new Address("Rue de la Loi", 16, null, null, "1000", "Bruxelles", "BE");
        for (Group group : new Group[] {Group.GROUP_1, Group.GROUP_2, Group.GROUP_3, Group.GROUP_4}) {
            for (String language : new String[] {"nl", "en"}) {
                LetterContent content = new LetterContent("BN-7KQ4-M2XH-93TP", group, language, "v1", "J.A.",
                        "van der", "Berg", language.equals("en") && group == Group.GROUP_3 ? foreign : domestic,
                        LocalDate.of(2025, 9, 12), "R8-KD4P");
                RenderedLetter letter = renderer.render(content);
                Files.write(out.resolve(group + "-" + language + ".pdf"), letter.pdf());
                System.out.printf("%s %s: %d pages, %d bytes%n", group, language, letter.pages(), letter.pdf().length);
            }
        }
        Address longAddress = new Address("Burgemeester Van Walsum van Oldenbarneveltsingel-Noordzijde", 99999, "b",
                "BIS2", "9999 ZZ", "Oudkarspel-Westerkoggenland aan de Zijpe", "NL");
        Files.write(out.resolve("long-address.pdf"), renderer.render(new LetterContent("BN-LONG-0001", Group.GROUP_3,
                "nl", "v1", "A.B.C.D.E.F.", "van den", "Öztürk-ĳsselmeer d'Hondt-Wijnaendts van Resandt tot Đặng Ễ",
                longAddress, LocalDate.of(2025, 9, 12), "R8-KD4P")).pdf());

        LetterContent timed = new LetterContent("BN-TIME-0001", Group.GROUP_2, "nl", "v1", "J.", null, "Jansen",
                domestic, LocalDate.of(2025, 9, 12), "R8-KD4P");
        for (int i = 0; i < 300; i++) {
            renderer.render(timed);
        }
        int runs = 500;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            renderer.render(timed);
        }
        System.out.printf("single thread, after warm-up: %.1f ms per letter%n",
                (System.nanoTime() - start) / 1e6 / runs);
    }
}
