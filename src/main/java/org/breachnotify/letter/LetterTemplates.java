package org.breachnotify.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.breachnotify.register.Group;

/**
 * Letter texts, kept as files that communications staff edit without touching code. A template set is a folder
 * per version, {@code <version>/<language>/}, holding {@code GROUP_n.txt} (the letter for group n),
 * {@code CORRECTION_GROUP_n.txt} (the corrective letter for someone whose group changed after their letter was
 * sent) and {@code letter.properties}: the fixed parts around the body and the campaign's details (sender,
 * helpline, DPO, dates), which bodies use as {@code {{key}}}. Sets are read from a folder on disk when one is
 * configured ({@code breachnotify.letters.dir}), otherwise from {@code letters/} on the classpath.
 *
 * <p>Body format: paragraphs are separated by blank lines; a line starting with {@code "# "} is a bold heading, a
 * line starting with {@code "- "} a bullet; other lines continue the paragraph or bullet above them. An unknown
 * placeholder fails when the template is first loaded, never in a printed letter.
 *
 * <p>A version is immutable once letters were made with it: the archive keeps its fingerprint, and regenerating
 * a letter needs the same files. Changed wording is a new version.
 */
public final class LetterTemplates {

    /** Filled in per letter; everything else comes from {@code letter.properties}. */
    static final Set<String> PERSONAL = Set.of("salutationName", "letterId", "lookupReference", "letterDate",
            "previousLetterId", "previousLetterDate");
    static final List<String> LANGUAGES = List.of("nl", "en");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Optional<Path> directory;
    private final ConcurrentMap<String, Template> cache = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Properties> folderProperties = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> fingerprints = new ConcurrentHashMap<>();

    /** Templates from the classpath folder {@code letters/}. */
    public LetterTemplates() {
        this.directory = Optional.empty();
    }

    /** Templates from {@code directory} (one sub-folder per version). */
    public LetterTemplates(Path directory) {
        this.directory = Optional.of(directory);
    }

    /** Which body a letter uses: the group's letter, or the corrective letter for the new group. */
    static String bodyName(Group group, boolean corrective) {
        return (corrective ? "CORRECTION_" : "") + group.name();
    }

    Template get(String version, String language, String bodyName) {
        String folder = safe(version) + "/" + safe(language) + "/";
        return cache.computeIfAbsent(folder + bodyName, key -> {
            Properties properties = folderProperties.computeIfAbsent(folder,
                    f -> loadProperties(f + "letter.properties"));
            return new Template(frame(properties, language), parseBody(folder + safe(bodyName) + ".txt",
                    read(folder + safe(bodyName) + ".txt"), properties));
        });
    }

    /**
     * SHA-256 over every file of a version, so the archive can tell whether a letter's template is still the one
     * it was made with.
     */
    public String fingerprint(String version) {
        return fingerprints.computeIfAbsent(safe(version), v -> {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (String language : LANGUAGES) {
                    for (String file : filesOf(language)) {
                        String path = v + "/" + language + "/" + file;
                        Optional<byte[]> bytes = bytes(path);
                        if (bytes.isPresent()) {
                            digest.update(path.getBytes(StandardCharsets.UTF_8));
                            digest.update(bytes.get());
                        }
                    }
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Whether a version has a body for this group and language (a set need not carry corrective letters). */
    public boolean has(String version, String language, String bodyName) {
        return bytes(safe(version) + "/" + safe(language) + "/" + safe(bodyName) + ".txt").isPresent();
    }

    private static List<String> filesOf(String language) {
        List<String> files = new ArrayList<>(List.of("letter.properties"));
        for (Group group : Group.values()) {
            if (group.getsLetter()) {
                files.add(bodyName(group, false) + ".txt");
                files.add(bodyName(group, true) + ".txt");
            }
        }
        return files;
    }

    enum Kind { HEADING, PARAGRAPH, BULLET }

    /**
     * One unit of body text; {@code endsParagraph} decides whether a full paragraph gap follows it, {@code personal}
     * whether it still holds a personal placeholder (and so is laid out per letter).
     */
    record Block(Kind kind, String text, boolean endsParagraph, boolean personal) {
    }

    /** The fixed texts around the body, in the letter's language, and how it writes dates. */
    record Frame(Locale locale, DateTimeFormatter dates, String organisation, String returnAddress, String dateLabel,
                 String letterIdLabel, String referenceLabel, String pageOfPattern) {

        String pageOf(int page, int pages) {
            return String.format(locale, pageOfPattern, page, pages);
        }
    }

    record Template(Frame frame, List<Block> body) {

        /** The block's text with the personal values filled in; a block without any comes back unchanged. */
        static String fill(Block block, Map<String, String> values) {
            if (!block.personal()) {
                return block.text();
            }
            return PLACEHOLDER.matcher(block.text()).replaceAll(m -> {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalArgumentException("no value for {{" + m.group(1) + "}}");
                }
                return Matcher.quoteReplacement(value);
            });
        }
    }

    private static Frame frame(Properties p, String language) {
        Locale locale = Locale.forLanguageTag(language);
        return new Frame(locale, DateTimeFormatter.ofPattern("d MMMM yyyy", locale), required(p, "organisation"),
                required(p, "returnAddress"),
                required(p, "label.date"), required(p, "label.letterId"), required(p, "label.reference"),
                required(p, "pageOf"));
    }

    /** Parses a body and fills in the campaign's details from {@code properties}. */
    static List<Block> parseBody(String name, String text, Properties properties) {
        Map<String, String> campaign = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> campaign.put(key, properties.getProperty(key).strip()));
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PERSONAL.contains(m.group(1)) && !campaign.containsKey(m.group(1))) {
                throw new IllegalStateException("Unknown placeholder {{" + m.group(1) + "}} in " + name
                        + ": neither a personal value " + PERSONAL + " nor a key of letter.properties");
            }
        }
        String filled = PLACEHOLDER.matcher(text).replaceAll(p -> Matcher.quoteReplacement(
                PERSONAL.contains(p.group(1)) ? p.group() : campaign.get(p.group(1))));
        List<Block> blocks = new ArrayList<>();
        for (String paragraph : filled.strip().split("\\R\\s*\\R")) {
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
                    blocks.add(block(kind, current.toString(), false));
                }
                kind = lineKind == null ? Kind.PARAGRAPH : lineKind;
                current.setLength(0);
                current.append(lineKind == null ? line : line.substring(2).strip());
            }
            blocks.add(block(kind, current.toString(), true));
        }
        return List.copyOf(blocks);
    }

    private static Block block(Kind kind, String text, boolean endsParagraph) {
        return new Block(kind, text, endsParagraph, PLACEHOLDER.matcher(text).find());
    }

    private Properties loadProperties(String path) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(read(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private String read(String path) {
        return new String(bytes(path).orElseThrow(() -> new IllegalArgumentException("No letter template " + path
                + directory.map(d -> " in " + d).orElse(" on the classpath (letters/)"))), StandardCharsets.UTF_8);
    }

    private Optional<byte[]> bytes(String path) {
        try {
            if (directory.isPresent()) {
                Path file = directory.get().resolve(path);
                return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
            }
            try (InputStream in = LetterTemplates.class.getClassLoader().getResourceAsStream("letters/" + path)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("letter.properties lacks " + key);
        }
        return value.strip();
    }

    private static String safe(String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid template version, language or name: " + name);
        }
        return name;
    }
}
