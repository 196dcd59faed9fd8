package org.breachnotify.harness;

import static org.breachnotify.harness.Console.say;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.breachnotify.engine.JourneyKeys;
import org.breachnotify.engine.ProcessModels;
import org.breachnotify.engine.ProcessVariables;

/**
 * What must hold once a demo campaign has finished, whatever crashes it went through and however many nodes shared
 * it, read from the database and the files alone: the campaign finished, every classified person has exactly one
 * first journey (a second only for a corrective letter or a return after the window), every grouped person exactly
 * one first letter and a posted letter, no letter was posted twice, every print batch is complete and agrees with the
 * database, no inbox file is left claimed, no engine command is parked and no incident is open. Answers the failures;
 * prints what it checked.
 */
public final class CampaignChecks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    private final Connection db;
    private final Path dataDir;
    private final String campaignCode;
    private final int mailsReceived;
    private final List<String> failures = new ArrayList<>();
    private long campaignId;
    private JourneyCounts journeyCounts;

    public CampaignChecks(Connection db, Path dataDir, String campaignCode, int mailsReceived) {
        this.db = db;
        this.dataDir = dataDir;
        this.campaignCode = campaignCode;
        this.mailsReceived = mailsReceived;
    }

    /** A campaign's journeys as the journey rule counted them. */
    public record JourneyCounts(long first, long corrective, long lateReturn) {
    }

    public List<String> run() throws Exception {
        begin();
        campaignFinished();
        everyPersonOneFirstJourney();
        everyGroupedPersonOneFirstLetter();
        everyGroupedPersonsLetterPosted();
        noLetterPostedTwice();
        everyBatchCompleteAndAgreeingWithTheDatabase();
        noFileLeftClaimed();
        noCommandParkedNoIncident();
        return failures;
    }

    private void campaignFinished() throws SQLException {
        expect("campaign status", text("select status from campaign where id = " + campaignId), "COMPLETED");
        expect("process instances still running (campaign, journeys, reviews)",
                number("select count(*) from act_ru_execution"), 0);
        expect("people whose journey has not ended",
                number("select count(*) from person where journey_ended_at is null"), 0);
        say("  people %d, in a letter group %d, deceased (no letter) %d", number("select count(*) from person"),
                number("select count(*) from person where grp like 'GROUP_%'"),
                number("select count(*) from person where grp = 'NOT_NOTIFIED_DECEASED'"));
    }

    /** The journey rule alone ({@link #everyPersonOneFirstJourney}), on a campaign that may still run; the failures. */
    public List<String> journeyRule() throws SQLException {
        begin();
        everyPersonOneFirstJourney();
        return failures;
    }

    /** What the journey rule counted when it last ran. */
    public JourneyCounts journeyCounts() {
        return journeyCounts;
    }

    private void begin() throws SQLException {
        db.createStatement().execute("set search_path to notify, public");
        campaignId = number("select id from campaign where code = '" + campaignCode + "'");
        say("Checks:");
    }

    /**
     * Every classified person has exactly one first journey. A person's other journeys are legitimate only as a
     * corrective journey (started with the variable {@code corrective}, one per START_CORRECTIVE_JOURNEY command) or
     * a late-return journey (a return after the campaign closed the letter's window starts one: it passes "Letter
     * returned after the window", and the returned letter names it as its journey). Read from the
     * engine's history ({@code act_hi_procinst}, business key {@code <campaign code>/<participant id>}).
     */
    private void everyPersonOneFirstJourney() throws SQLException {
        // set-based: a query per person would read the history once per person
        db.createStatement().execute("""
                create temporary table journey_check on commit preserve rows as
                select pi.id_ instance, pi.business_key_ key, v.proc_inst_id_ is not null corrective,
                       coalesce(a.late, false) late
                from act_hi_procinst pi
                left join (select distinct proc_inst_id_ from act_hi_varinst where name_ = '%s') v
                       on v.proc_inst_id_ = pi.id_
                left join (select distinct proc_inst_id_, true late from act_hi_actinst
                           where act_id_ = 'Event_LetterReturnedLate') a on a.proc_inst_id_ = pi.id_
                where pi.proc_def_key_ = '%s' and pi.business_key_ like '%s%%'
                """.formatted(ProcessVariables.CORRECTIVE.name(), ProcessModels.PARTICIPANT,
                JourneyKeys.campaignPrefix(campaignCode)));
        db.createStatement().execute("""
                create temporary table person_journeys on commit preserve rows as
                select '%s' || p.participant_id key, p.grp is not null and p.grp <> 'HELD_FOR_REVIEW' classified,
                       coalesce(j.first, 0) first, coalesce(j.corrective, 0) corrective,
                       coalesce(c.commands, 0) corrective_commands
                from person p
                left join (select key, count(*) filter (where not corrective and not late) first,
                                  count(*) filter (where corrective) corrective
                           from journey_check group by key) j on j.key = '%1$s' || p.participant_id
                left join (select target_id, count(*) commands from engine_command
                           where kind = 'START_CORRECTIVE_JOURNEY' and done_at is not null group by target_id) c
                       on c.target_id = p.id
                where p.campaign_id = %d""".formatted(JourneyKeys.campaignPrefix(campaignCode), campaignId));
        expect("classified people without exactly one first journey",
                number("select count(*) from person_journeys where classified and first <> 1"), 0);
        expect("journeys of nobody classified", number("""
                select count(*) from journey_check j left join person_journeys p on p.key = j.key
                where p.key is null or not p.classified"""), 0);
        expect("journeys both corrective and late-return", number(
                "select count(*) from journey_check where corrective and late"), 0);
        expect("people whose corrective journeys differ from their START_CORRECTIVE_JOURNEY commands",
                number("select count(*) from person_journeys where corrective <> corrective_commands"), 0);
        expect("late-return journeys not named by a letter returned after its window closed", number("""
                select count(*) from journey_check j where j.late and not exists (
                    select 1 from letter l where l.journey_instance_id = j.instance and l.status = 'RETURNED'
                      and l.window_closed_at is not null)"""), 0);
        journeyCounts = new JourneyCounts(number("select count(*) from journey_check where not corrective and not late"),
                number("select count(*) from journey_check where corrective"),
                number("select count(*) from journey_check where late"));
        say("  journeys %d: first %d, corrective %d, late-return %d; people with 1 journey %d, 2 %d, more %d",
                number("select count(*) from journey_check"), journeyCounts.first(), journeyCounts.corrective(),
                journeyCounts.lateReturn(),
                number("select count(*) from (select key from journey_check group by key having count(*) = 1) k"),
                number("select count(*) from (select key from journey_check group by key having count(*) = 2) k"),
                number("select count(*) from (select key from journey_check group by key having count(*) > 2) k"));
        db.createStatement().execute("drop table journey_check, person_journeys");
    }

    /** Every person in a letter group has exactly one first letter; nobody has two. */
    private void everyGroupedPersonOneFirstLetter() throws SQLException {
        expect("people in a letter group without exactly one first letter", number("""
                select count(*) from person p where p.campaign_id = %d and p.grp like 'GROUP_%%'
                  and (select count(*) from letter l where l.person_id = p.id and l.kind = 'FIRST') <> 1"""
                .formatted(campaignId)), 0);
        expect("people with more than one first letter", number("""
                select count(*) from (select person_id from letter where campaign_id = %d and kind = 'FIRST'
                                      group by person_id having count(*) > 1) twice"""
                .formatted(campaignId)), 0);
        say("  letters by kind: %s", strings("""
                select kind || ' ' || count(*) from letter where campaign_id = %d group by kind order by kind"""
                .formatted(campaignId)));
    }

    private void everyGroupedPersonsLetterPosted() throws SQLException {
        expect("people in a letter group without a posted letter", number("""
                select count(*) from person p where p.campaign_id = %d and p.grp like 'GROUP_%%'
                  and not exists (select 1 from letter l
                                  where l.person_id = p.id and l.status in ('POSTED', 'RETURNED'))
                """.formatted(campaignId)), 0);
        expect("people held for review", number("select count(*) from person where grp = 'HELD_FOR_REVIEW'"), 0);
        expect("letters still ready or with the print house",
                number("select count(*) from letter where status in ('READY', 'EXPORTED')"), 0);
        expect("posted letters without a content hash", number("""
                select count(*) from letter where status in ('POSTED', 'RETURNED')
                  and (content_sha256 is null or rendered_at is null)"""), 0);
        say("  letters %d: posted %d, returned %d", number("select count(*) from letter"),
                number("select count(*) from letter where status = 'POSTED'"),
                number("select count(*) from letter where status = 'RETURNED'"));
    }

    private void noLetterPostedTwice() throws Exception {
        expect("letters with more than one 'letter posted' command", number("""
                select count(*) from (select letter_id from engine_command where kind = 'LETTER_POSTED'
                                      group by letter_id having count(*) > 1) twice"""), 0);
        // The relay marks a command done in the transaction of its engine command (ADR 10): a done "letter posted" is
        // a journey moved on by it. The waits leave no engine history to count (ADR 16).
        expect("posted letters without exactly one done 'letter posted' command", number("""
                select count(*) from letter l
                left join (select letter_id, count(*) n from engine_command
                           where kind = 'LETTER_POSTED' and done_at is not null group by letter_id) c
                       on c.letter_id = l.id
                where l.status in ('POSTED', 'RETURNED') and coalesce(c.n, 0) <> 1"""), 0);

        // The print house's own word: each distinct dispatch confirmation (one answered again after a crash is the
        // same bytes) reports a letter as posted at most once, across all of them.
        Map<String, Integer> postedInFiles = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Path processed = inbox().resolve("processed");
        for (Path file : list(processed)) {
            if (!file.getFileName().toString().contains("dispatch-confirmation") || !seen.add(sha256(file))) {
                continue;
            }
            for (CSVRecord row : csv(file)) {
                if (row.get("status").equals("POSTED")) {
                    postedInFiles.merge(row.get("letter_id"), 1, Integer::sum);
                }
            }
        }
        expect("letter ids the print house confirmed as posted more than once",
                postedInFiles.values().stream().filter(n -> n > 1).count(), 0);
        Set<String> postedInDatabase = new HashSet<>(strings("select id from letter where posted_date is not null"));
        expect("letters recorded as posted that no confirmation posted",
                postedInDatabase.stream().filter(id -> !postedInFiles.containsKey(id)).count(), 0);
        say("  distinct dispatch confirmations %d, letters confirmed posted %d", seen.size(), postedInFiles.size());
    }

    private void everyBatchCompleteAndAgreeingWithTheDatabase() throws Exception {
        Path export = dataDir.resolve("export");
        List<String> batches = strings("select id from print_batch where campaign_id = " + campaignId + " order by id");
        Map<String, Integer> inManifests = new HashMap<>();
        int problems = 0;
        for (String batchId : batches) {
            List<String> wrong = checkBatch(export.resolve(batchId), batchId, inManifests);
            wrong.forEach(w -> fail("batch " + batchId + ": " + w));
            problems += wrong.size();
        }
        expect("batches with a problem (see above)", problems, 0);
        Set<String> onDisk = new TreeSet<>();
        list(export).forEach(p -> onDisk.add(p.getFileName().toString()));
        expect("export entries that are no recorded batch (or left-over temporary folders)",
                onDisk.stream().filter(n -> !batches.contains(n)).toList(), List.of());
        // Each letter is in as many manifests as it was printed: once, and once more per reprint after a failure.
        Map<String, Integer> attempts = new HashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery(
                "select id, print_attempts from letter where print_attempts > 0")) {
            while (rs.next()) {
                attempts.put(rs.getString(1), rs.getInt(2));
            }
        }
        expect("letters whose manifests disagree with their print attempts", attempts.entrySet().stream()
                .filter(e -> !e.getValue().equals(inManifests.getOrDefault(e.getKey(), 0))).count()
                + inManifests.keySet().stream().filter(id -> !attempts.containsKey(id)).count(), 0);
        if (mailsReceived < batches.size()) {
            fail("the print house was told of " + mailsReceived + " batches, fewer than " + batches.size());
        }
        say("  batches %d, mails to the print house %d (more only when a crash came between a mail and its record)",
                batches.size(), mailsReceived);
    }

    private List<String> checkBatch(Path dir, String batchId, Map<String, Integer> inManifests) throws Exception {
        List<String> wrong = new ArrayList<>();
        Map<String, Object> row = row("select letters, pages, sheets, status from print_batch where id = '"
                + batchId + "'");
        if (!"DELIVERED".equals(row.get("status"))) {
            wrong.add("status " + row.get("status"));
        }
        Set<String> files = new TreeSet<>();
        list(dir).forEach(p -> files.add(p.getFileName().toString()));
        Set<String> expected = new TreeSet<>(List.of(batchId + ".pdf", batchId + ".csv", batchId + ".sha256",
                batchId + ".json"));
        if (!files.equals(expected)) {
            wrong.add("files " + files);
            return wrong;
        }
        for (String line : Files.readAllLines(dir.resolve(batchId + ".sha256"))) {
            String[] parts = line.split("  ");
            if (!sha256(dir.resolve(parts[1])).equals(parts[0])) {
                wrong.add("checksum of " + parts[1]);
            }
        }
        JsonNode ticket = JSON.readTree(dir.resolve(batchId + ".json").toFile());
        for (String field : List.of("letters", "pages", "sheets")) {
            int recorded = ((Number) row.get(field)).intValue();
            if (ticket.path(field).asInt(-1) != recorded || recorded <= 0) {
                wrong.add(field + ": job ticket " + ticket.path(field) + ", database " + recorded);
            }
        }
        List<CSVRecord> manifest = csv(dir.resolve(batchId + ".csv"));
        Set<String> manifestIds = new HashSet<>();
        for (CSVRecord line : manifest) {
            if (!manifestIds.add(line.get("letter_id"))) {
                wrong.add("letter " + line.get("letter_id") + " twice in the manifest");
            }
            inManifests.merge(line.get("letter_id"), 1, Integer::sum);
        }
        if (manifest.size() != ((Number) row.get("letters")).intValue()) {
            wrong.add("manifest has " + manifest.size() + " letters, database " + row.get("letters"));
        }
        try (PDDocument pdf = Loader.loadPDF(dir.resolve(batchId + ".pdf").toFile())) {
            if (pdf.getNumberOfPages() != ((Number) row.get("pages")).intValue()) {
                wrong.add("print file has " + pdf.getNumberOfPages() + " pages, database " + row.get("pages"));
            }
        }
        try (ResultSet rs = db.createStatement().executeQuery("select id, content_sha256, rendered_at from letter"
                + " where batch_id = '" + batchId + "'")) {
            while (rs.next()) {
                if (!manifestIds.contains(rs.getString(1))) {
                    wrong.add("letter " + rs.getString(1) + " is in the batch but not in its manifest");
                }
                if (rs.getString(2) == null || rs.getTimestamp(3) == null) {
                    wrong.add("letter " + rs.getString(1) + " has no content hash");
                }
            }
        }
        return wrong;
    }

    private void noFileLeftClaimed() throws IOException, SQLException {
        expect("files left claimed in .processing", list(inbox().resolve(".processing")).stream()
                .map(p -> p.getFileName().toString()).toList(), List.of());
        expect("files still waiting in the inbox", list(inbox()).stream().filter(Files::isRegularFile)
                .map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList(), List.of());
        expect("claims recorded in inbox_claim", number("select count(*) from inbox_claim"), 0);
        expect("files refused whole", list(inbox().resolve("refused")).size(), 0);
        say("  files imported %d (distinct contents), files moved to processed %d",
                number("select count(*) from import_file where campaign_id = " + campaignId),
                list(inbox().resolve("processed")).size());
    }

    private void noCommandParkedNoIncident() throws SQLException {
        expect("engine commands not done (parked or pending)",
                number("select count(*) from engine_command where done_at is null"), 0);
        expect("open incidents", number("select count(*) from act_ru_incident"), 0);
        expect("jobs out of retries", number("select count(*) from act_ru_job where retries_ = 0"), 0);
        say("  engine commands %d, of which retried at least once %d; incidents ever %d",
                number("select count(*) from engine_command"),
                number("select count(*) from engine_command where attempts > 0"),
                number("select count(*) from act_hi_incident"));
    }

    private void expect(String what, Object actual, Object expected) {
        boolean ok = actual instanceof Number a && expected instanceof Number e
                ? a.longValue() == e.longValue() : actual.equals(expected);
        say("  %-8s %s: %s", ok ? "ok" : "FAILED", what, actual);
        if (!ok) {
            failures.add(what + ": " + actual + " (expected " + expected + ")");
        }
    }

    private void fail(String what) {
        say("  FAILED   %s", what);
        failures.add(what);
    }

    private Path inbox() {
        return dataDir.resolve("inbox").resolve(campaignCode);
    }

    private long number(String sql) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String text(String sql) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private Map<String, Object> row(String sql) throws SQLException {
        Map<String, Object> values = new HashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
            }
        }
        return values;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSV.parse(in).getRecords();
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
