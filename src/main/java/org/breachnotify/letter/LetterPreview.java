package org.breachnotify.letter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.breachnotify.register.Address;
import org.breachnotify.register.Group;

/**
 * Renders every letter of a template set (each group, letter and corrective letter, each language) with sample
 * data, so that whoever edits the wording sees the result before a campaign uses it:
 * <pre>
 * mvn -q compile exec:java -Dexec.mainClass=org.breachnotify.letter.LetterPreview \
 *     -Dexec.args="target/letter-preview [version] [template-folder]"
 * </pre>
 * Without a template folder the bundled sets ({@code src/main/resources/letters}) are used.
 */
public final class LetterPreview {

    private LetterPreview() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/letter-preview");
        String version = args.length > 1 ? args[1] : "v1";
        LetterTemplates templates = args.length > 2 ? new LetterTemplates(Path.of(args[2])) : new LetterTemplates();
        Files.createDirectories(out);
        Address domestic = new Address("Burgemeester de Vlugtlaan", 112, "a", "3", "1063 BS", "Amsterdam", "NL");
        Address foreign = new Address("Rue de la Loi", 16, null, null, "1000", "Bruxelles", "BE");
        try (LetterRenderer renderer = new LetterRenderer(templates, 1)) {
            int written = 0;
            for (String language : LetterTemplates.LANGUAGES) {
                for (Group group : List.of(Group.GROUP_1, Group.GROUP_2, Group.GROUP_3, Group.GROUP_4)) {
                    for (boolean corrective : new boolean[] {false, true}) {
                        String body = LetterTemplates.bodyName(group, corrective);
                        if (!templates.has(version, language, body)) {
                            System.out.printf("%s/%s/%s.txt: not in this template set%n", version, language, body);
                            continue;
                        }
                        LetterContent sample = new LetterContent("LTR-7KQ4-M2XH-93TP", group, language, version,
                                "J.A.", "van der", "Berg", language.equals("en") ? foreign : domestic,
                                LocalDate.of(2025, 9, 12), "R8KD-4P2M", corrective,
                                corrective ? "LTR-2B7D-K9QX-MM4T" : null, corrective ? LocalDate.of(2025, 8, 1) : null);
                        RenderedLetter letter = renderer.render(sample);
                        Path file = out.resolve(version + "-" + language + "-" + body + ".pdf");
                        Files.write(file, letter.pdf());
                        System.out.printf("%s: %d page(s), %,d bytes%n", file, letter.pages(), letter.pdf().length);
                        written++;
                    }
                }
            }
            System.out.printf("%d letters of template set %s (fingerprint %s) written to %s%n", written, version,
                    templates.fingerprint(version).substring(0, 12), out.toAbsolutePath());
        }
    }
}
