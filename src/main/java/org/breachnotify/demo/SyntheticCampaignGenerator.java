package org.breachnotify.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.breachnotify.register.Address;
import org.breachnotify.register.Group;

/**
 * Writes a synthetic campaign in the exchange formats: the register extract, the two leaked datasets,
 * a population-register update file and the "postal world" (which addresses the post will return).
 *
 * <p>People are generated one at a time and written straight to disk; only a 64-bit key per person
 * (name + birth date, and address) is remembered, to guarantee that probable and ambiguous leaked records
 * match exactly the people they were made for. Everything comes from one seeded {@link Random} (whose
 * algorithm is fixed by the JDK specification), so the same settings give the same bytes.
 */
public final class SyntheticCampaignGenerator {

    static final String PARTICIPANTS_FILE = "participants.csv";
    static final String ADDRESS_UPDATES_FILE = "address-updates.csv";
    static final String POSTAL_WORLD_FILE = "postal-world.csv";

    static final String[] PARTICIPANT_COLUMNS = {"participant_id", "bsn", "initials", "surname_prefix", "surname",
            "birth_date", "street", "house_number", "house_letter", "house_number_suffix", "postcode", "city",
            "country", "language", "email", "gp_smear_before_2017", "deceased_date"};
    static final String[] LEAKED_COLUMNS = {"dataset", "lab_record_id", "bsn", "surname", "birth_date", "postcode"};
    static final String[] ADDRESS_UPDATE_COLUMNS = {"bsn", "street", "house_number", "house_letter",
            "house_number_suffix", "postcode", "city", "country", "deceased_date"};
    static final String[] POSTAL_WORLD_COLUMNS = {"kix", "reason"};

    /** The date of the register extract: people deceased before it are marked in participants.csv. */
    static final LocalDate EXTRACT_DATE = LocalDate.of(2025, 7, 1);

    // The real 2025 campaign: 405k + 216k + 282k + 38k = 941k.
    private static final double GROUP_1_SHARE = 405.0 / 941;
    private static final double GROUP_2_SHARE = 216.0 / 941;
    private static final double GROUP_4_SHARE = 38.0 / 941;
    private static final double GROUP_3_SHARE = 282.0 / 941;

    private static final double PROBABLE_SHARE = 0.20;
    private static final double DUPLICATE_RECORD_SHARE = 0.03;
    private static final double GROUP_1_ALSO_IN_DATASET_2 = 0.10;
    private static final double GP_SMEAR_AMONG_LEAKED = 38.0 / 941;

    private static final long FIRST_BIRTH_DAY = LocalDate.of(1930, 1, 1).toEpochDay();
    private static final long LAST_BIRTH_DAY = LocalDate.of(2000, 12, 31).toEpochDay();

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    /** The defects a dirty participant row can have; each dirty row has exactly one. */
    enum DirtyKind {
        BAD_ELFPROEF, POSTCODE_LEADING_ZERO, POSTCODE_FORBIDDEN_LETTERS, FUTURE_BIRTH_DATE, IMPOSSIBLE_BIRTH_DATE,
        NON_NUMERIC_HOUSE_NUMBER, MISSING_SURNAME, REPEATED_PARTICIPANT_ID, REPEATED_BSN
    }

    public GeneratedCampaign generate(GeneratorSettings settings, Path inboxDir, Path worldDir) {
        try {
            Files.createDirectories(inboxDir);
            Files.createDirectories(worldDir);
            return new Run(settings, inboxDir, worldDir).execute();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the synthetic campaign", e);
        }
    }

    /**
     * {@code --people N --seed S --out DIR}: inbox files into DIR, the postal world into DIR/world.
     */
    public static void main(String[] args) throws IOException {
        int people = 941_000;
        Long seed = null;
        Path out = Path.of("data", "generated");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + arg);
            }
            switch (arg) {
                case "--people" -> people = Integer.parseInt(args[++i].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> usage("unknown option " + arg);
            }
        }
        GeneratorSettings settings = GeneratorSettings.defaults(people);
        if (seed != null) {
            settings = settings.withSeed(seed);
        }
        long started = System.nanoTime();
        GeneratedCampaign campaign = new SyntheticCampaignGenerator().generate(settings, out, out.resolve("world"));
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf(Locale.ROOT, "Generated %,d people (seed %d) in %.1f s into %s%n",
                campaign.people(), settings.seed(), millis / 1000.0, out.toAbsolutePath());
        System.out.printf(Locale.ROOT, "  dirty participant rows (to be rejected): %,d%n", campaign.dirtyRows());
        System.out.printf(Locale.ROOT, "  leaked records: %,d (doubtful, needing review: %,d; without any candidate: %,d)%n",
                campaign.leakedRecords(), campaign.doubtfulRecords(), campaign.unlinkableRecords());
        System.out.println("  expected classification once every review is dismissed:");
        campaign.expectedGroups().forEach((group, count) ->
                System.out.printf(Locale.ROOT, "    %-22s %,d%n", group, count));
        Map<String, Integer> world = new java.util.TreeMap<>();
        try (var lines = Files.lines(campaign.postalWorld(), StandardCharsets.UTF_8)) {
            lines.skip(1).filter(l -> !l.isBlank())
                    .forEach(l -> world.merge(l.substring(l.lastIndexOf(',') + 1), 1, Integer::sum));
        }
        System.out.println("  addresses the post will return (postal world): " + world);
        for (Path p : List.of(campaign.participants(), campaign.leakedRecordFiles().get(0),
                campaign.leakedRecordFiles().get(1), campaign.addressUpdates(), campaign.postalWorld())) {
            System.out.println("  " + p);
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: SyntheticCampaignGenerator [--people N] [--seed S] [--out DIR]");
        System.exit(2);
    }

    /** The key under which two surnames + birth dates could ever be taken for the same person. */
    static long personKey(String fullSurname, LocalDate birthDate) {
        return personKey(fnv(matchKeyText(fullSurname)), birthDate);
    }

    private static long personKey(long surnameHash, LocalDate birthDate) {
        return mix(surnameHash ^ (birthDate.toEpochDay() * 0x9E3779B97F4A7C15L));
    }

    /**
     * Folds more than the matcher is required to (compatibility forms, punctuation, dotless i, sharp s...),
     * so names kept apart here are certainly kept apart by the matcher.
     */
    static String matchKeyText(String fullSurname) {
        String decomposed = Normalizer.normalize(fullSurname, Normalizer.Form.NFKD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                continue;
            }
            char lower = Character.toLowerCase(c);
            switch (lower) {
                case 'ı' -> sb.append('i');
                case 'ß' -> sb.append("ss");
                case 'đ' -> sb.append('d');
                case 'ø' -> sb.append('o');
                case 'ł' -> sb.append('l');
                default -> sb.append(lower);
            }
        }
        return sb.toString();
    }

    static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private enum Role { GROUP_1, GROUP_2, GROUP_3, GROUP_4 }

    private enum Doubt { NONE, CONFLICT, TWINS }

    private record Person(String id, String bsn, String initials, String prefix, String surname,
                          LocalDate birthDate, Address address, String language, String email, boolean gpSmear,
                          LocalDate deceased) {
        String fullSurname() {
            return prefix.isEmpty() ? surname : prefix + " " + surname;
        }
    }

    /** One generation: its random source, writers and the keys it must keep apart. */
    private static final class Run {
        private final GeneratorSettings settings;
        private final Path inboxDir;
        private final Path worldDir;
        private final Random rnd;
        private final long bsnOffset;

        // Name + birth date keys of everybody (and of every leaked record made up here), and those that must
        // stay unique (probable, ambiguous, no-candidate, conflicting). Reserved keys are always used keys too.
        private final LongHashSet usedPersonKeys;
        private final LongHashSet reservedPersonKeys;
        // KIX codes of everybody, and those the post will return (must belong to one person only).
        private final LongHashSet usedAddresses;
        private final LongHashSet reservedAddresses;
        // Bounded by the distinct surnames the pools can form (a few hundred plus double-barrelled pairs).
        private final Map<String, Long> surnameHashes = new HashMap<>();

        private long bsnCounter;
        private long participantCounter;
        private final long[] labRecordCounters = new long[3];
        private Person lastValid;

        private int people;
        private int dirtyRows;
        private int leakedRecords;
        private int doubtfulRecords;
        private int unlinkableRecords;
        private final EnumMap<Group, Integer> groups = new EnumMap<>(Group.class);

        private CSVPrinter participants;
        private CSVPrinter[] leaked;
        private CSVPrinter updates;
        private CSVPrinter world;

        Run(GeneratorSettings settings, Path inboxDir, Path worldDir) {
            this.settings = settings;
            this.inboxDir = inboxDir;
            this.worldDir = worldDir;
            this.rnd = new Random(settings.seed());
            this.bsnOffset = Math.floorMod(mix(settings.seed()), 90_000_000L);
            int expected = Math.max(16, settings.people() + settings.people() / 8);
            usedPersonKeys = new LongHashSet(expected);
            reservedPersonKeys = new LongHashSet(Math.max(16, expected / 4));
            usedAddresses = new LongHashSet(expected);
            reservedAddresses = new LongHashSet(Math.max(16, expected / 16));
            for (Group g : Group.values()) {
                groups.put(g, 0);
            }
        }

        GeneratedCampaign execute() throws IOException {
            Path participantsFile = inboxDir.resolve(PARTICIPANTS_FILE);
            Path leaked1 = inboxDir.resolve("leaked-records-1.csv");
            Path leaked2 = inboxDir.resolve("leaked-records-2.csv");
            Path updatesFile = inboxDir.resolve(ADDRESS_UPDATES_FILE);
            Path worldFile = worldDir.resolve(POSTAL_WORLD_FILE);
            List<Path> finals = List.of(participantsFile, leaked1, leaked2, updatesFile, worldFile);
            List<Path> temps = new ArrayList<>();
            for (Path p : finals) {
                temps.add(p.resolveSibling(".tmp-" + p.getFileName()));
            }
            participants = open(temps.get(0), PARTICIPANT_COLUMNS);
            leaked = new CSVPrinter[] {null, open(temps.get(1), LEAKED_COLUMNS), open(temps.get(2), LEAKED_COLUMNS)};
            updates = open(temps.get(3), ADDRESS_UPDATE_COLUMNS);
            world = open(temps.get(4), POSTAL_WORLD_COLUMNS);
            try {
                generateAll();
            } finally {
                for (CSVPrinter printer : List.of(participants, leaked[1], leaked[2], updates, world)) {
                    printer.close();
                }
            }
            // Renamed only when complete, so a watcher on the inbox never sees half a file.
            for (int i = 0; i < finals.size(); i++) {
                moveAtomically(temps.get(i), finals.get(i));
            }
            return new GeneratedCampaign(participantsFile, List.of(leaked1, leaked2), updatesFile, worldFile,
                    people, dirtyRows, Collections.unmodifiableMap(new EnumMap<>(groups)), leakedRecords,
                    doubtfulRecords, unlinkableRecords);
        }

        private static CSVPrinter open(Path file, String[] header) throws IOException {
            BufferedWriter writer = new BufferedWriter(
                    new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
            CSVPrinter printer = new CSVPrinter(writer, CSV);
            printer.printRecord((Object[]) header);
            return printer;
        }

        private void generateAll() throws IOException {
            double unlinkableShare = settings.doubtfulMatchShare() / 4;
            int target = settings.people();
            while (people < target) {
                if (rnd.nextDouble() < settings.dirtyRowShare()) {
                    writeDirtyRow();
                }
                if (rnd.nextDouble() < unlinkableShare) {
                    writeUnlinkableRecord();
                }
                generatePerson(target - people);
            }
        }

        // ---- people ----

        private void generatePerson(int remaining) throws IOException {
            Role role = drawRole();
            boolean deceased = rnd.nextDouble() < settings.deceasedShare();
            Doubt doubt = Doubt.NONE;
            if (role == Role.GROUP_3 && !deceased) {
                // Doubtful people come out of group 3, so the group shares stay the real ones.
                double u = rnd.nextDouble();
                double conflict = settings.doubtfulMatchShare() / 2 / GROUP_3_SHARE;
                double twins = settings.doubtfulMatchShare() / 4 / GROUP_3_SHARE;
                if (u < conflict) {
                    doubt = Doubt.CONFLICT;
                } else if (u < conflict + twins && remaining >= 2) {
                    doubt = Doubt.TWINS;
                }
            }
            boolean leakedPerson = role == Role.GROUP_1 || role == Role.GROUP_2;
            boolean probable = leakedPerson && rnd.nextDouble() < PROBABLE_SHARE;
            boolean foreign = rnd.nextDouble() < settings.foreignShare();
            boolean mover = false;
            boolean diesAfterExtract = false;
            if (!foreign && !deceased && doubt == Doubt.NONE) {
                double u = rnd.nextDouble();
                mover = u < settings.moverShare();
                diesAfterExtract = !mover && u < settings.moverShare() + settings.deceasedShare() / 2;
            }
            boolean gpSmear = switch (role) {
                case GROUP_4 -> true;
                case GROUP_3 -> false;
                default -> rnd.nextDouble() < GP_SMEAR_AMONG_LEAKED;
            };

            String[] name = drawSurname();
            String prefix = name[0];
            String surname = name[1];
            String full = prefix.isEmpty() ? surname : prefix + " " + surname;
            LocalDate birthDate = drawBirthDate(full, probable || doubt == Doubt.TWINS);
            Address address = foreign ? drawForeignAddress() : drawDomesticAddress(mover || diesAfterExtract);
            LocalDate deceasedDate = deceased ? drawDeathBefore(birthDate) : null;

            Person person = new Person(nextParticipantId(), nextBsn(), drawInitials(), prefix, surname, birthDate,
                    address, drawLanguage(), drawEmail(surname), gpSmear, deceasedDate);
            writeParticipant(person);
            count(person, role);

            if (mover) {
                Address moved = rnd.nextDouble() < 0.03 ? drawForeignAddress() : drawDomesticAddress(false);
                writeUpdate(person.bsn(), moved, null);
                writeWorld(address, "MOVED");
            } else if (diesAfterExtract) {
                LocalDate died = EXTRACT_DATE.plusDays(rnd.nextInt(62));
                writeUpdate(person.bsn(), address, died);
                writeWorld(address, "DECEASED");
            }

            switch (role) {
                case GROUP_1 -> {
                    writeLinkedRecord(1, person, probable);
                    if (rnd.nextDouble() < DUPLICATE_RECORD_SHARE) {
                        writeLinkedRecord(1, person, false);
                    }
                    if (rnd.nextDouble() < GROUP_1_ALSO_IN_DATASET_2) {
                        writeLinkedRecord(2, person, false);
                    }
                }
                case GROUP_2 -> {
                    writeLinkedRecord(2, person, probable);
                    if (rnd.nextDouble() < DUPLICATE_RECORD_SHARE) {
                        writeLinkedRecord(2, person, false);
                    }
                }
                default -> {
                    // group 3 and 4: not leaked, unless doubtful below
                }
            }
            if (doubt == Doubt.CONFLICT) {
                writeConflictRecord(person);
            } else if (doubt == Doubt.TWINS) {
                Person twin = generateTwin(person);
                writeParticipant(twin);
                count(twin, Role.GROUP_3);
                writeAmbiguousRecord(person);
            }
        }

        /** The second of a pair sharing surname and birth date: an ambiguous leaked record fits both. */
        private Person generateTwin(Person first) {
            Address address = rnd.nextDouble() < 0.3 ? first.address() : drawDomesticAddress(false);
            return new Person(nextParticipantId(), nextBsn(), drawInitials(), first.prefix(), first.surname(),
                    first.birthDate(), address, drawLanguage(), drawEmail(first.surname()), false, null);
        }

        private void count(Person person, Role role) {
            Group group = person.deceased() != null ? Group.NOT_NOTIFIED_DECEASED : switch (role) {
                case GROUP_1 -> Group.GROUP_1;
                case GROUP_2 -> Group.GROUP_2;
                case GROUP_3 -> Group.GROUP_3;
                case GROUP_4 -> Group.GROUP_4;
            };
            groups.merge(group, 1, Integer::sum);
            people++;
            lastValid = person;
        }

        private Role drawRole() {
            double u = rnd.nextDouble();
            if (u < GROUP_1_SHARE) {
                return Role.GROUP_1;
            }
            if (u < GROUP_1_SHARE + GROUP_2_SHARE) {
                return Role.GROUP_2;
            }
            if (u < GROUP_1_SHARE + GROUP_2_SHARE + GROUP_4_SHARE) {
                return Role.GROUP_4;
            }
            return Role.GROUP_3;
        }

        // ---- leaked records ----

        private void writeLinkedRecord(int dataset, Person person, boolean probable) throws IOException {
            String postcode = "";
            if (probable) {
                // No BSN: only surname + birth date (+ postcode) point to this one person.
                if (person.address().isDomestic() && rnd.nextDouble() < 0.4) {
                    postcode = spellPostcode(person.address().postcode());
                }
                writeLeaked(dataset, "", surnameVariant(person.fullSurname(), rnd.nextDouble() < 0.7),
                        person.birthDate().toString(), postcode);
                return;
            }
            String surname = rnd.nextDouble() < 0.5 ? surnameVariant(person.fullSurname(), false) : "";
            String birth = rnd.nextDouble() < 0.85 ? person.birthDate().toString() : "";
            if (rnd.nextDouble() < 0.3) {
                postcode = person.address().isDomestic()
                        ? spellPostcode(person.address().postcode()) : person.address().postcode();
            }
            writeLeaked(dataset, person.bsn(), surname, birth, postcode);
        }

        /** The BSN exists but the birth date differs, as after a typing error at the lab. */
        private void writeConflictRecord(Person person) throws IOException {
            LocalDate wrong = null;
            for (int attempt = 0; wrong == null || !isFreeForRecord(person.fullSurname(), wrong); attempt++) {
                wrong = attempt < 6 ? typo(person.birthDate()) : randomBirthDate();
                if (wrong.equals(person.birthDate())) {
                    wrong = null;
                }
            }
            reservePersonKey(key(person.fullSurname(), wrong));
            writeLeaked(1 + rnd.nextInt(2), person.bsn(), surnameVariant(person.fullSurname(), false),
                    wrong.toString(), "");
            doubtfulRecords++;
        }

        private boolean isFreeForRecord(String fullSurname, LocalDate date) {
            return !usedPersonKeys.contains(key(fullSurname, date));
        }

        private LocalDate typo(LocalDate real) {
            return switch (rnd.nextInt(4)) {
                case 0 -> real.getDayOfMonth() <= 12 && real.getDayOfMonth() != real.getMonthValue()
                        ? LocalDate.of(real.getYear(), real.getDayOfMonth(), Math.min(real.getMonthValue(), 28))
                        : real.plusDays(1);
                case 1 -> real.plusYears(rnd.nextBoolean() ? 10 : -10);
                case 2 -> real.plusYears(rnd.nextBoolean() ? 1 : -1);
                default -> real.minusDays(1 + rnd.nextInt(3));
            };
        }

        private void writeAmbiguousRecord(Person person) throws IOException {
            writeLeaked(1 + rnd.nextInt(2), "", surnameVariant(person.fullSurname(), rnd.nextBoolean()),
                    person.birthDate().toString(), "");
            doubtfulRecords++;
        }

        /** A record nobody in the register fits: an unknown BSN or none, and a name + birth date nobody has. */
        private void writeUnlinkableRecord() throws IOException {
            String[] name = drawSurname();
            String full = name[0].isEmpty() ? name[1] : name[0] + " " + name[1];
            LocalDate date;
            do {
                date = randomBirthDate();
            } while (usedPersonKeys.contains(key(full, date)));
            reservePersonKey(key(full, date));
            String bsn = rnd.nextBoolean() ? nextBsn() : "";
            writeLeaked(1 + rnd.nextInt(2), bsn, full, date.toString(), "");
            unlinkableRecords++;
        }

        private void writeLeaked(int dataset, String bsn, String surname, String birthDate, String postcode)
                throws IOException {
            long n = ++labRecordCounters[dataset];
            leaked[dataset].printRecord(dataset, "CD" + dataset + "-" + pad(n, 7), bsn, surname, birthDate, postcode);
            leakedRecords++;
        }

        /**
         * How the lab may have spelled the name: the matcher must ignore case, accents, spaces and hyphens.
         * Only spellings that survive a plain lower-casing are used (no dotless i or sharp s tricks).
         */
        private String surnameVariant(String full, boolean mustDiffer) {
            if (!mustDiffer && rnd.nextDouble() < 0.5) {
                return full;
            }
            int start = rnd.nextInt(6);
            for (int i = 0; i < 6; i++) {
                String v = applyVariant((start + i) % 6, full);
                if (!v.equals(full)) {
                    return v;
                }
            }
            return full;
        }

        private static String applyVariant(int kind, String full) {
            return switch (kind) {
                case 0 -> {
                    String upper = full.toUpperCase(Locale.ROOT);
                    yield upper.toLowerCase(Locale.ROOT).equals(full.toLowerCase(Locale.ROOT)) ? upper : full;
                }
                case 1 -> full.toLowerCase(Locale.ROOT);
                case 2 -> COMBINING_MARKS.matcher(Normalizer.normalize(full, Normalizer.Form.NFD)).replaceAll("");
                case 3 -> full.replace(" ", "");
                case 4 -> full.contains("-") ? full.replace("-", " ") : full.replace(" ", "-");
                default -> full.replace(" ", "  ");
            };
        }

        // ---- dirty rows ----

        private void writeDirtyRow() throws IOException {
            DirtyKind[] kinds = DirtyKind.values();
            DirtyKind kind = kinds[rnd.nextInt(kinds.length)];
            if (lastValid == null && (kind == DirtyKind.REPEATED_BSN || kind == DirtyKind.REPEATED_PARTICIPANT_ID)) {
                kind = DirtyKind.MISSING_SURNAME;
            }
            String[] name = drawSurname();
            String full = name[0].isEmpty() ? name[1] : name[0] + " " + name[1];
            LocalDate birth = drawBirthDate(full, false);
            Address a = drawDomesticAddress(false);

            String id = kind == DirtyKind.REPEATED_PARTICIPANT_ID ? lastValid.id() : nextParticipantId();
            String bsn = switch (kind) {
                case REPEATED_BSN -> lastValid.bsn();
                case BAD_ELFPROEF -> {
                    String valid = nextBsn();
                    int last = valid.charAt(8) - '0';
                    yield valid.substring(0, 8) + ((last + 1 + rnd.nextInt(9)) % 10);
                }
                default -> nextBsn();
            };
            String prefix = name[0];
            String surname = name[1];
            String birthText = birth.toString();
            String houseNumber = Integer.toString(a.houseNumber());
            String postcode = spellPostcode(a.postcode());
            switch (kind) {
                case POSTCODE_LEADING_ZERO -> postcode = "0" + pad(rnd.nextInt(1000), 3) + " " + postcode.substring(5);
                case POSTCODE_FORBIDDEN_LETTERS -> postcode = a.postcode().substring(0, 4) + " "
                        + List.of("SA", "SD", "SS").get(rnd.nextInt(3));
                case FUTURE_BIRTH_DATE -> birthText = LocalDate.of(2050 + rnd.nextInt(50), birth.getMonthValue(),
                        Math.min(birth.getDayOfMonth(), 28)).toString();
                case IMPOSSIBLE_BIRTH_DATE -> birthText = List.of("2023-02-30", "1975-13-01", "1968-04-31",
                        "1980-00-12", "1899-12-31").get(rnd.nextInt(5));
                case NON_NUMERIC_HOUSE_NUMBER -> houseNumber = List.of("twaalf", "1O", "12-14", "?").get(rnd.nextInt(4));
                case MISSING_SURNAME -> {
                    prefix = "";
                    surname = "";
                }
                default -> {
                    // the defect is in the id or BSN chosen above
                }
            }
            participants.printRecord(id, bsn, drawInitials(), prefix, surname, birthText, a.street(), houseNumber,
                    nz(a.houseLetter()), nz(a.houseNumberSuffix()), postcode, a.city(), "NL", drawLanguage(), "",
                    "false", "");
            dirtyRows++;
        }

        // ---- writing ----

        private void writeParticipant(Person p) throws IOException {
            Address a = p.address();
            String country = a.isDomestic() ? (rnd.nextDouble() < 0.8 ? "NL" : "") : a.country();
            String postcode = a.isDomestic() ? spellPostcode(a.postcode()) : a.postcode();
            participants.printRecord(p.id(), p.bsn(), p.initials(), p.prefix(), p.surname(), p.birthDate(),
                    a.street(), a.houseNumber(), nz(a.houseLetter()), nz(a.houseNumberSuffix()), postcode, a.city(),
                    country, p.language(), p.email(), spellBoolean(p.gpSmear()),
                    p.deceased() == null ? "" : p.deceased().toString());
        }

        private void writeUpdate(String bsn, Address a, LocalDate deceased) throws IOException {
            updates.printRecord(bsn, a.street(), a.houseNumber(), nz(a.houseLetter()), nz(a.houseNumberSuffix()),
                    a.postcode(), a.city(), a.isDomestic() ? "NL" : a.country(),
                    deceased == null ? "" : deceased.toString());
        }

        private void writeWorld(Address a, String reason) throws IOException {
            world.printRecord(a.kix().orElseThrow(), reason);
        }

        private String spellPostcode(String canonical) {
            double u = rnd.nextDouble();
            if (u < 0.30) {
                return canonical.replace(" ", "");
            }
            if (u < 0.35) {
                return canonical.toLowerCase(Locale.ROOT);
            }
            return canonical;
        }

        private String spellBoolean(boolean value) {
            double u = rnd.nextDouble();
            if (u < 0.03) {
                return value ? "ja" : "nee";
            }
            if (u < 0.05) {
                return value ? "1" : "0";
            }
            return Boolean.toString(value);
        }

        // ---- drawing values ----

        /** Answers {prefix, surname}. */
        private String[] drawSurname() {
            double u = rnd.nextDouble();
            if (u < 0.82) {
                return split(NamePools.DUTCH_SURNAMES.get(rnd.nextInt(NamePools.DUTCH_SURNAMES.size())));
            }
            if (u < 0.85) {
                // Double-barrelled: "Jansen-Bakker", "van Dijk-de Vries" (prefix of the first part in front).
                String[] first = split(NamePools.DUTCH_SURNAMES.get(rnd.nextInt(NamePools.DUTCH_SURNAMES.size())));
                String[] second = split(NamePools.DUTCH_SURNAMES.get(rnd.nextInt(NamePools.DUTCH_SURNAMES.size())));
                String secondText = second[0].isEmpty() ? second[1] : second[0] + " " + second[1];
                return new String[] {first[0], first[1] + "-" + secondText};
            }
            if (u < 0.855) {
                return new String[] {"", NamePools.LIGATURE_SURNAMES.get(rnd.nextInt(NamePools.LIGATURE_SURNAMES.size()))};
            }
            return new String[] {"",
                    NamePools.INTERNATIONAL_SURNAMES.get(rnd.nextInt(NamePools.INTERNATIONAL_SURNAMES.size()))};
        }

        private static String[] split(String entry) {
            int bar = entry.indexOf('|');
            return bar < 0 ? new String[] {"", entry} : new String[] {entry.substring(0, bar), entry.substring(bar + 1)};
        }

        /**
         * A birth date such that the key stays unique when it must (unique: nobody before has it, and it is
         * reserved so nobody after gets it), and otherwise avoids every reserved key.
         */
        private LocalDate drawBirthDate(String fullSurname, boolean unique) {
            while (true) {
                LocalDate date = randomBirthDate();
                long key = key(fullSurname, date);
                if (unique ? !usedPersonKeys.contains(key) : !reservedPersonKeys.contains(key)) {
                    if (unique) {
                        reservePersonKey(key);
                    }
                    usedPersonKeys.add(key);
                    return date;
                }
            }
        }

        /** Reserved keys count as used too, so a later unique draw cannot take one. */
        private void reservePersonKey(long key) {
            reservedPersonKeys.add(key);
            usedPersonKeys.add(key);
        }

        private long key(String fullSurname, LocalDate date) {
            long surnameHash = surnameHashes.computeIfAbsent(fullSurname, f -> fnv(matchKeyText(f)));
            return personKey(surnameHash, date);
        }

        private LocalDate randomBirthDate() {
            return LocalDate.ofEpochDay(FIRST_BIRTH_DAY + rnd.nextInt((int) (LAST_BIRTH_DAY - FIRST_BIRTH_DAY + 1)));
        }

        private LocalDate drawDeathBefore(LocalDate birthDate) {
            long from = Math.max(birthDate.plusYears(18).toEpochDay(), LocalDate.of(2012, 1, 1).toEpochDay());
            long to = EXTRACT_DATE.minusDays(1).toEpochDay();
            return LocalDate.ofEpochDay(from + rnd.nextInt((int) (to - from + 1)));
        }

        /** A Dutch address; one the post will return must belong to nobody else, and others avoid those. */
        private Address drawDomesticAddress(boolean returnedByPost) {
            while (true) {
                NamePools.City city = NamePools.CITIES.get(rnd.nextInt(NamePools.CITIES.size()));
                int digits = city.fromPostcode() + rnd.nextInt(city.toPostcode() - city.fromPostcode() + 1);
                String letters;
                do {
                    letters = "" + pick(NamePools.POSTCODE_LETTERS) + pick(NamePools.POSTCODE_LETTERS);
                } while (letters.equals("SA") || letters.equals("SD") || letters.equals("SS"));
                String postcode = digits + " " + letters;
                int houseNumber = rnd.nextDouble() < 0.02 ? 1 + rnd.nextInt(2000)
                        : 1 + (int) (300 * Math.pow(rnd.nextDouble(), 2));
                String letter = rnd.nextDouble() < 0.06 ? String.valueOf("abcdA".charAt(rnd.nextInt(5))) : "";
                String suffix = rnd.nextDouble() < 0.06
                        ? NamePools.HOUSE_SUFFIXES.get(rnd.nextInt(NamePools.HOUSE_SUFFIXES.size())) : "";
                String street = NamePools.STREETS.get(rnd.nextInt(NamePools.STREETS.size()));
                Address a = new Address(street, houseNumber, letter, suffix, postcode, city.name(), "NL");
                long key = fnv(kix(postcode, houseNumber, letter + suffix));
                if (returnedByPost ? !usedAddresses.contains(key) : !reservedAddresses.contains(key)) {
                    if (returnedByPost) {
                        reservedAddresses.add(key);
                    }
                    usedAddresses.add(key);
                    return a;
                }
            }
        }

        private Address drawForeignAddress() {
            NamePools.ForeignPlace place = NamePools.FOREIGN_PLACES.get(rnd.nextInt(NamePools.FOREIGN_PLACES.size()));
            StringBuilder postcode = new StringBuilder();
            for (char c : place.postcodePattern().toCharArray()) {
                postcode.append(c == '#' ? (char) ('0' + rnd.nextInt(10)) : c);
            }
            String street = place.streets().get(rnd.nextInt(place.streets().size()));
            return new Address(street, 1 + rnd.nextInt(200), "", "", postcode.toString(), place.city(),
                    place.country());
        }

        /** Same as {@link Address#kix()} for the letters and suffixes drawn here, without its regex. */
        private static String kix(String postcode, int houseNumber, String addition) {
            String base = postcode.substring(0, 4) + postcode.substring(5) + houseNumber;
            return addition.isEmpty() ? base : base + "X" + addition.toUpperCase(Locale.ROOT);
        }

        private char pick(String chars) {
            return chars.charAt(rnd.nextInt(chars.length()));
        }

        private String drawInitials() {
            double u = rnd.nextDouble();
            int count = u < 0.4 ? 1 : u < 0.85 ? 2 : 3;
            StringBuilder sb = new StringBuilder(6);
            for (int i = 0; i < count; i++) {
                sb.append(pick(NamePools.INITIAL_LETTERS)).append('.');
            }
            return sb.toString();
        }

        private String drawLanguage() {
            if (rnd.nextDouble() < settings.englishShare()) {
                return "en";
            }
            return rnd.nextDouble() < 0.7 ? "nl" : "";
        }

        private String drawEmail(String surname) {
            if (rnd.nextDouble() >= 0.2) {
                return "";
            }
            String local = asciiFold(surname);
            if (local.isEmpty()) {
                local = "deelnemer";
            }
            String initial = String.valueOf(Character.toLowerCase(pick("abcdeghijklmnprstw")));
            String number = rnd.nextDouble() < 0.3 ? Integer.toString(rnd.nextInt(100)) : "";
            return initial + "." + local + number + "@"
                    + NamePools.EMAIL_DOMAINS.get(rnd.nextInt(NamePools.EMAIL_DOMAINS.size()));
        }

        private static String asciiFold(String text) {
            String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT)
                    .replace("ı", "i").replace("ß", "ss").replace("đ", "d").replace("ø", "o").replace("ł", "l");
            StringBuilder sb = new StringBuilder(folded.length());
            for (int i = 0; i < folded.length(); i++) {
                char c = folded.charAt(i);
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        // ---- identifiers ----

        private String nextParticipantId() {
            return "P-" + pad(++participantCounter, 7);
        }

        /**
         * Unique BSNs from a counter: a step coprime to 90,000,000 walks every 8-digit prefix once, and the
         * ninth digit is the elfproef check digit (prefixes needing a check digit of 10 are skipped).
         */
        private String nextBsn() {
            while (true) {
                long prefix = 10_000_000L + Math.floorMod(bsnCounter++ * 37_460_209L + bsnOffset, 90_000_000L);
                long rest = prefix;
                int sum = 0;
                for (int weight = 2; weight <= 9; weight++) {
                    sum += (int) (rest % 10) * weight;
                    rest /= 10;
                }
                int check = sum % 11;
                if (check < 10) {
                    return Long.toString(prefix * 10 + check);
                }
            }
        }

        private static String pad(long value, int width) {
            String s = Long.toString(value);
            return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
