package org.breachnotify.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.breachnotify.register.Address;
import org.breachnotify.register.Bsn;
import org.breachnotify.register.Group;
import org.breachnotify.register.Postcode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the generated files against the exchange-format rules with a small reference importer and
 * matcher written from FORMATS.md, independent of the generator's own bookkeeping.
 */
class SyntheticCampaignGeneratorTest {

    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreHeaderCase(true).setTrim(true).setIgnoreEmptyLines(true).get();
    private static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9-]{1,20}");

    @TempDir
    static Path tmp;

    static GeneratedCampaign standard;
    static Register standardRegister;
    /** Many more doubtful, dirty, moving and dying people, so every path occurs in 2,000 people. */
    static GeneratedCampaign rich;
    static Register richRegister;

    @BeforeAll
    static void generate() throws IOException {
        SyntheticCampaignGenerator generator = new SyntheticCampaignGenerator();
        standard = generator.generate(GeneratorSettings.defaults(2_000), tmp.resolve("std"), tmp.resolve("std/world"));
        standardRegister = Register.read(standard.participants());
        rich = generator.generate(new GeneratorSettings(2_000, 7, 0.2, 0.05, 0.05, 0.02, 0.05, 0.1),
                tmp.resolve("rich"), tmp.resolve("rich/world"));
        richRegister = Register.read(rich.participants());
    }

    @Test
    void every_participant_row_is_valid_or_one_of_the_intended_dirty_rows() {
        assertThat(standardRegister.accepted).hasSize(standard.people());
        assertThat(standardRegister.rejected).hasSize(standard.dirtyRows());
        assertThat(standard.dirtyRows()).isBetween(2, 25);

        assertThat(richRegister.accepted).hasSize(rich.people());
        assertThat(richRegister.rejected).hasSize(rich.dirtyRows());
        // With a fifth of the rows dirty, every kind of defect occurs.
        assertThat(Set.copyOf(richRegister.rejected.values())).containsExactlyInAnyOrder(
                "repeated participant id", "repeated bsn", "bsn fails elfproef", "bad postcode",
                "bad birth date", "bad house number", "missing surname");
    }

    @Test
    void group_sizes_follow_the_real_campaign() {
        Map<Group, Integer> groups = standard.expectedGroups();
        assertThat(groups.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(standard.people());
        double n = standard.people();
        assertThat(groups.get(Group.GROUP_1) / n).isCloseTo(405.0 / 941, within(0.035));
        assertThat(groups.get(Group.GROUP_2) / n).isCloseTo(216.0 / 941, within(0.03));
        assertThat(groups.get(Group.GROUP_3) / n).isCloseTo(282.0 / 941, within(0.03));
        assertThat(groups.get(Group.GROUP_4) / n).isCloseTo(38.0 / 941, within(0.015));
        assertThat(groups.get(Group.NOT_NOTIFIED_DECEASED)).isBetween(1, 20);
        assertThat(groups.get(Group.HELD_FOR_REVIEW)).isZero();
    }

    @Test
    void matching_and_classification_with_every_review_dismissed_give_the_expected_groups() throws IOException {
        for (var pair : List.of(Map.entry(standard, standardRegister), Map.entry(rich, richRegister))) {
            GeneratedCampaign campaign = pair.getKey();
            MatchOutcome outcome = MatchOutcome.match(pair.getValue(), campaign.leakedRecordFiles());

            assertThat(outcome.records).isEqualTo(campaign.leakedRecords());
            assertThat(outcome.reviews).isEqualTo(campaign.doubtfulRecords());
            assertThat(outcome.noCandidate).isEqualTo(campaign.unlinkableRecords());
            assertThat(outcome.classifyDismissingReviews(pair.getValue()))
                    .isEqualTo(withoutZeros(campaign.expectedGroups()));
            // Probable links are about a fifth of the records, and some only match after normalising the name.
            assertThat((double) outcome.probable / outcome.records).isBetween(0.12, 0.28);
            assertThat(outcome.probableNeedingNormalisation).isGreaterThan(outcome.probable / 3);
        }
        MatchOutcome rich = MatchOutcome.match(richRegister, SyntheticCampaignGeneratorTest.rich.leakedRecordFiles());
        assertThat(rich.conflicts).isGreaterThan(10);
        assertThat(rich.ambiguous).isGreaterThan(5);
        assertThat(rich.reviews).isEqualTo(rich.conflicts + rich.ambiguous);
        assertThat(rich.noCandidate).isGreaterThan(3);
    }

    @Test
    void leaked_records_reference_existing_bsns_unless_they_are_unlinkable() throws IOException {
        for (var pair : List.of(Map.entry(standard, standardRegister), Map.entry(rich, richRegister))) {
            Set<String> bsns = pair.getValue().byBsn.keySet();
            int unknownBsn = 0;
            int withBsn = 0;
            for (Path file : pair.getKey().leakedRecordFiles()) {
                for (CSVRecord r : rows(file)) {
                    if (!r.get("bsn").isEmpty()) {
                        withBsn++;
                        if (!bsns.contains(r.get("bsn"))) {
                            unknownBsn++;
                        }
                    }
                }
            }
            assertThat(withBsn).isGreaterThan(pair.getKey().leakedRecords() / 2);
            assertThat(unknownBsn).isLessThanOrEqualTo(pair.getKey().unlinkableRecords());
        }
    }

    @Test
    void leaked_record_files_have_the_exchange_format_and_unique_ids() throws IOException {
        for (int dataset = 1; dataset <= 2; dataset++) {
            Path file = standard.leakedRecordFiles().get(dataset - 1);
            assertThat(Files.readAllLines(file).get(0)).isEqualTo("dataset,lab_record_id,bsn,surname,birth_date,postcode");
            Set<String> ids = new HashSet<>();
            for (CSVRecord r : rows(file)) {
                assertThat(r.get("dataset")).isEqualTo(Integer.toString(dataset));
                assertThat(ids.add(r.get("lab_record_id"))).isTrue();
                if (!r.get("birth_date").isEmpty()) {
                    LocalDate.parse(r.get("birth_date"));
                }
            }
        }
        assertThat(Files.readAllLines(standard.participants()).get(0)).isEqualTo(
                "participant_id,bsn,initials,surname_prefix,surname,birth_date,street,house_number,house_letter,"
                        + "house_number_suffix,postcode,city,country,language,email,gp_smear_before_2017,deceased_date");
        assertThat(Files.readAllLines(standard.addressUpdates()).get(0)).isEqualTo(
                "bsn,street,house_number,house_letter,house_number_suffix,postcode,city,country,deceased_date");
    }

    @Test
    void names_are_realistic_and_include_non_ascii_prefixes_and_double_barrels() {
        List<Map<String, String>> people = standardRegister.accepted;
        assertThat(people).anyMatch(p -> p.get("surname").chars().anyMatch(c -> c > 127));
        assertThat(people).anyMatch(p -> p.get("surname_prefix").equals("van der"));
        assertThat(people).anyMatch(p -> p.get("surname").matches("\\p{L}+-.*\\p{L}"));
        assertThat(people).allMatch(p -> p.get("initials").isEmpty() || p.get("initials").matches("(\\p{Lu}\\.)+"));
        assertThat(people).allMatch(p -> Normalizer.isNormalized(p.get("surname"), Normalizer.Form.NFC));
        assertThat(people.stream().map(p -> p.get("surname")).distinct().count()).isGreaterThan(200);
        long english = people.stream().filter(p -> p.get("language").equals("en")).count();
        assertThat(english / 2000.0).isCloseTo(0.05, within(0.02));
        long foreign = people.stream().filter(p -> !p.get("country").isEmpty() && !p.get("country").equals("NL"))
                .count();
        assertThat(foreign).isBetween(5L, 45L);
        assertThat(people).anyMatch(p -> !p.get("email").isEmpty());
    }

    @Test
    void postal_world_lists_movers_old_addresses_and_people_who_died_after_the_extract() throws IOException {
        for (var pair : List.of(Map.entry(standard, standardRegister), Map.entry(rich, richRegister))) {
            Register register = pair.getValue();
            Map<String, List<Map<String, String>>> byKix = new HashMap<>();
            for (Map<String, String> p : register.accepted) {
                address(p).kix().ifPresent(k -> byKix.computeIfAbsent(k, x -> new ArrayList<>()).add(p));
            }
            Map<String, CSVRecord> updates = new HashMap<>();
            for (CSVRecord u : rows(pair.getKey().addressUpdates())) {
                assertThat(updates.put(u.get("bsn"), u)).isNull();
            }
            int moved = 0;
            int deceased = 0;
            for (CSVRecord w : rows(pair.getKey().postalWorld())) {
                List<Map<String, String>> living = byKix.get(w.get("kix"));
                assertThat(living).as("exactly one person at a returning address").hasSize(1);
                Map<String, String> person = living.get(0);
                assertThat(person.get("deceased_date")).isEmpty();
                CSVRecord update = updates.get(person.get("bsn"));
                assertThat(update).isNotNull();
                if (w.get("reason").equals("MOVED")) {
                    moved++;
                    assertThat(update.get("deceased_date")).isEmpty();
                    assertThat(update.get("postcode") + update.get("house_number"))
                            .isNotEqualTo(Postcode.normalise(person.get("postcode")).orElseThrow()
                                    + person.get("house_number"));
                } else {
                    assertThat(w.get("reason")).isEqualTo("DECEASED");
                    deceased++;
                    LocalDate died = LocalDate.parse(update.get("deceased_date"));
                    assertThat(died).isAfterOrEqualTo(SyntheticCampaignGenerator.EXTRACT_DATE);
                }
            }
            assertThat(moved + deceased).isEqualTo(updates.size());
            assertThat(moved).isPositive();
            assertThat(deceased).isPositive();
        }
    }

    @Test
    void the_same_seed_gives_the_same_bytes_and_another_seed_other_people() throws IOException {
        SyntheticCampaignGenerator generator = new SyntheticCampaignGenerator();
        GeneratedCampaign again = generator.generate(GeneratorSettings.defaults(2_000), tmp.resolve("again"),
                tmp.resolve("again/world"));
        GeneratedCampaign other = generator.generate(GeneratorSettings.defaults(2_000).withSeed(43),
                tmp.resolve("other"), tmp.resolve("other/world"));
        List<Path> first = files(standard);
        List<Path> second = files(again);
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i))).isEqualTo(Files.readAllBytes(first.get(i)));
        }
        assertThat(List.of(again.people(), again.dirtyRows(), again.leakedRecords(), again.doubtfulRecords(),
                again.unlinkableRecords())).isEqualTo(List.of(standard.people(), standard.dirtyRows(),
                standard.leakedRecords(), standard.doubtfulRecords(), standard.unlinkableRecords()));
        assertThat(again.expectedGroups()).isEqualTo(standard.expectedGroups());
        assertThat(Files.readAllBytes(other.participants())).isNotEqualTo(Files.readAllBytes(standard.participants()));
        try (var listing = Files.list(tmp.resolve("again"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp"));
        }
    }

    @Test
    void command_line_writes_inbox_and_world() throws IOException {
        Path out = tmp.resolve("cli");
        SyntheticCampaignGenerator.main(new String[] {"--people", "300", "--seed", "5", "--out", out.toString()});
        assertThat(out.resolve("participants.csv")).exists();
        assertThat(out.resolve("leaked-records-1.csv")).exists();
        assertThat(out.resolve("leaked-records-2.csv")).exists();
        assertThat(out.resolve("address-updates.csv")).exists();
        assertThat(out.resolve("world/postal-world.csv")).exists();
        assertThat(Register.read(out.resolve("participants.csv")).accepted).hasSize(300);
    }

    // ---- a small reference importer and matcher, written from FORMATS.md ----

    private static Map<Group, Integer> withoutZeros(Map<Group, Integer> groups) {
        Map<Group, Integer> result = new EnumMap<>(Group.class);
        groups.forEach((g, n) -> {
            if (n > 0) {
                result.put(g, n);
            }
        });
        return result;
    }

    private static List<Path> files(GeneratedCampaign c) {
        return List.of(c.participants(), c.leakedRecordFiles().get(0), c.leakedRecordFiles().get(1),
                c.addressUpdates(), c.postalWorld());
    }

    static List<CSVRecord> rows(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(READ).get()) {
            return parser.getRecords();
        }
    }

    static Address address(Map<String, String> p) {
        boolean domestic = p.get("country").isEmpty() || p.get("country").equals("NL");
        String postcode = domestic ? Postcode.normalise(p.get("postcode")).orElseThrow() : p.get("postcode");
        return new Address(p.get("street"), Integer.parseInt(p.get("house_number")), p.get("house_letter"),
                p.get("house_number_suffix"), postcode, p.get("city"), domestic ? "NL" : p.get("country"));
    }

    static String normaliseSurname(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replace(" ", "").replace("-", "");
    }

    static String fullSurname(Map<String, String> p) {
        return p.get("surname_prefix").isEmpty() ? p.get("surname") : p.get("surname_prefix") + " " + p.get("surname");
    }

    static final class Register {
        final List<Map<String, String>> accepted = new ArrayList<>();
        /** Line number -> reason. */
        final Map<Long, String> rejected = new HashMap<>();
        final Map<String, Map<String, String>> byBsn = new HashMap<>();
        final Map<String, List<Map<String, String>>> byNameAndBirth = new HashMap<>();

        static Register read(Path participants) throws IOException {
            Register register = new Register();
            Set<String> ids = new HashSet<>();
            for (CSVRecord r : rows(participants)) {
                Map<String, String> p = r.toMap();
                Optional<String> problem = problem(p, ids, register.byBsn.keySet());
                if (problem.isPresent()) {
                    register.rejected.put(r.getRecordNumber(), problem.get());
                    continue;
                }
                ids.add(p.get("participant_id"));
                register.byBsn.put(p.get("bsn"), p);
                register.accepted.add(p);
                register.byNameAndBirth.computeIfAbsent(normaliseSurname(fullSurname(p)) + "|" + p.get("birth_date"),
                        k -> new ArrayList<>()).add(p);
            }
            return register;
        }

        private static Optional<String> problem(Map<String, String> p, Set<String> ids, Set<String> bsns) {
            String id = p.get("participant_id");
            if (!PARTICIPANT_ID.matcher(id).matches()) {
                return Optional.of("bad participant id");
            }
            if (ids.contains(id)) {
                return Optional.of("repeated participant id");
            }
            if (!Bsn.isValid(p.get("bsn"))) {
                return Optional.of("bsn fails elfproef");
            }
            if (bsns.contains(p.get("bsn"))) {
                return Optional.of("repeated bsn");
            }
            if (p.get("surname").isBlank()) {
                return Optional.of("missing surname");
            }
            if (!validDate(p.get("birth_date"))) {
                return Optional.of("bad birth date");
            }
            if (p.get("street").isBlank() || p.get("city").isBlank()) {
                return Optional.of("missing street or city");
            }
            try {
                int number = Integer.parseInt(p.get("house_number"));
                if (number < 1 || number > 99_999) {
                    return Optional.of("bad house number");
                }
            } catch (NumberFormatException e) {
                return Optional.of("bad house number");
            }
            if (!p.get("house_letter").matches("\\p{L}?") || !p.get("house_number_suffix").matches("[\\p{L}0-9]{0,4}")) {
                return Optional.of("bad house addition");
            }
            String country = p.get("country");
            boolean domestic = country.isEmpty() || country.equals("NL");
            if (!country.isEmpty() && !country.matches("[A-Z]{2}")) {
                return Optional.of("bad country");
            }
            if (domestic && Postcode.normalise(p.get("postcode")).isEmpty()) {
                return Optional.of("bad postcode");
            }
            if (!Set.of("", "nl", "en").contains(p.get("language"))) {
                return Optional.of("bad language");
            }
            if (!Set.of("", "true", "false", "1", "0", "ja", "nee").contains(p.get("gp_smear_before_2017"))) {
                return Optional.of("bad gp flag");
            }
            if (!p.get("deceased_date").isEmpty() && !validDate(p.get("deceased_date"))) {
                return Optional.of("bad deceased date");
            }
            return Optional.empty();
        }

        private static boolean validDate(String text) {
            try {
                LocalDate date = LocalDate.parse(text);
                return !date.isAfter(LocalDate.now()) && !date.isBefore(LocalDate.of(1900, 1, 1));
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }

    static final class MatchOutcome {
        int records;
        int probable;
        int probableNeedingNormalisation;
        int conflicts;
        int ambiguous;
        int reviews;
        int noCandidate;
        final Map<Map<String, String>, Set<Integer>> linkedDatasets = new HashMap<>();

        static MatchOutcome match(Register register, List<Path> files) throws IOException {
            MatchOutcome o = new MatchOutcome();
            for (Path file : files) {
                for (CSVRecord r : rows(file)) {
                    o.records++;
                    int dataset = Integer.parseInt(r.get("dataset"));
                    Map<String, String> byBsn = register.byBsn.get(r.get("bsn"));
                    if (byBsn != null) {
                        if (r.get("birth_date").isEmpty() || r.get("birth_date").equals(byBsn.get("birth_date"))) {
                            o.link(byBsn, dataset);
                        } else {
                            o.conflicts++;
                            o.reviews++;
                        }
                        continue;
                    }
                    List<Map<String, String>> candidates = register.byNameAndBirth.getOrDefault(
                            normaliseSurname(r.get("surname")) + "|" + r.get("birth_date"), List.of());
                    if (!r.get("postcode").isEmpty()) {
                        String postcode = Postcode.normalise(r.get("postcode")).orElse(r.get("postcode"));
                        candidates = candidates.stream().filter(c -> address(c).postcode().equals(postcode)).toList();
                    }
                    if (r.get("surname").isEmpty() || r.get("birth_date").isEmpty() || candidates.isEmpty()) {
                        o.noCandidate++;
                    } else if (candidates.size() == 1) {
                        o.probable++;
                        if (!r.get("surname").equals(fullSurname(candidates.get(0)))) {
                            o.probableNeedingNormalisation++;
                        }
                        o.link(candidates.get(0), dataset);
                    } else {
                        o.ambiguous++;
                        o.reviews++;
                    }
                }
            }
            return o;
        }

        private void link(Map<String, String> person, int dataset) {
            linkedDatasets.computeIfAbsent(person, p -> new HashSet<>()).add(dataset);
        }

        Map<Group, Integer> classifyDismissingReviews(Register register) {
            Map<Group, Integer> groups = new EnumMap<>(Group.class);
            for (Map<String, String> p : register.accepted) {
                Set<Integer> datasets = linkedDatasets.getOrDefault(p, Set.of());
                Group g;
                if (!p.get("deceased_date").isEmpty()) {
                    g = Group.NOT_NOTIFIED_DECEASED;
                } else if (datasets.contains(1)) {
                    g = Group.GROUP_1;
                } else if (datasets.contains(2)) {
                    g = Group.GROUP_2;
                } else if (Set.of("true", "1", "ja").contains(p.get("gp_smear_before_2017"))) {
                    g = Group.GROUP_4;
                } else {
                    g = Group.GROUP_3;
                }
                groups.merge(g, 1, Integer::sum);
            }
            return groups;
        }
    }
}
