package org.breachnotify.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.breachnotify.register.Group;

/**
 * Letter texts, kept as editable files on the classpath so that communications staff can change wording without
 * touching code: {@code letters/<version>/<language>/<GROUP_n>.txt} for the body and
 * {@code letters/<version>/<language>/letter.properties} for the fixed parts around it.
 *
 * <p>Body format: paragraphs are separated by blank lines; a line starting with {@code "# "} is a bold heading, a
 * line starting with {@code "- "} a bullet; other lines continue the paragraph or bullet above them. Placeholders
 * are written {@code {{name}}}; an unknown one fails when the template is first loaded, not in a printed letter.
 */
final class LetterTemplates {

    static final Set<String> PLACEHOLDERS = Set.of("salutationName", "letterId", "lookupReference", "letterDate");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final ConcurrentMap<String, Template> cache = new ConcurrentHashMap<>();

    Template get(String version, String language, Group group) {
        String folder = "letters/" + safe(version) + "/" + safe(language) + "/";
        return cache.computeIfAbsent(folder + group.name(),
                key -> new Template(loadFrame(folder, language), parseBody(folder + group.name() + ".txt")));
    }

    enum Kind { HEADING, PARAGRAPH, BULLET }

    /** One unit of body text; {@code endsParagraph} decides whether a full paragraph gap follows it. */
    record Block(Kind kind, String text, boolean endsParagraph) {
    }

    /** The fixed texts around the body, in the letter's language. */
    record Frame(Locale locale, String organisation, String returnAddress, String dateLabel, String letterIdLabel,
                 String referenceLabel, String pageOfPattern) {

        String pageOf(int page, int pages) {
            return String.format(locale, pageOfPattern, page, pages);
        }
    }

    record Template(Frame frame, List<Block> body) {

        List<Block> fill(Map<String, String> values) {
            return body.stream()
                    .map(b -> new Block(b.kind(), substitute(b.text(), values), b.endsParagraph()))
                    .toList();
        }

        private static String substitute(String text, Map<String, String> values) {
            return PLACEHOLDER.matcher(text)
                    .replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
        }
    }

    private static Frame loadFrame(String folder, String language) {
        Properties p = new Properties();
        try (Reader reader = new InputStreamReader(open(folder + "letter.properties"), StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Frame(Locale.forLanguageTag(language), required(p, "organisation"), required(p, "returnAddress"),
                required(p, "label.date"), required(p, "label.letterId"), required(p, "label.reference"),
                required(p, "pageOf"));
    }

    static List<Block> parseBody(String resource) {
        String text;
        try (InputStream in = open(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new IllegalStateException("Unknown placeholder {{" + m.group(1) + "}} in " + resource);
            }
        }
        List<Block> blocks = new ArrayList<>();
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            List<Block> inParagraph = new ArrayList<>();
            Kind kind = null;
            StringBuilder current = new StringBuilder();
            for (String line : paragraph.strip().split("\\R")) {
                line = line.strip();
                Kind lineKind = line.startsWith("# ") ? Kind.HEADING : line.startsWith("- ") ? Kind.BULLET : null;
                if (lineKind == null && kind != null && kind != Kind.HEADING) {
                    current.append(' ').append(line);
                    continue;
                }
                if (kind != null) {
                    inParagraph.add(new Block(kind, current.toString(), false));
                }
                kind = lineKind == null ? Kind.PARAGRAPH : lineKind;
                current.setLength(0);
                current.append(lineKind == null ? line : line.substring(2).strip());
            }
            inParagraph.add(new Block(kind, current.toString(), true));
            blocks.addAll(inParagraph);
        }
        return List.copyOf(blocks);
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("letter.properties lacks " + key);
        }
        return value.strip();
    }

    private static InputStream open(String resource) {
        InputStream in = LetterTemplates.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("No letter template " + resource);
        }
        return in;
    }

    private static String safe(String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid template version or language: " + name);
        }
        return name;
    }
}
