package org.breachnotify.printhouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.letter.LetterRenderer;
import org.breachnotify.letter.LetterService;
import org.breachnotify.platform.CrashPoints;
import org.breachnotify.platform.SpreadsheetCsv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cuts ready letters into print batches (sorted by postcode and house number, domestic and foreign apart) and
 * delivers each batch to the export folder in the layout of FORMATS.md. A batch is claimed in the database (its
 * letters can then never land in a second batch: status WRITING), drawn into a hidden folder, recorded (letters, pages,
 * sheets and each letter's content hash: WRITTEN), and only then published: the folder renamed into place and the job
 * ticket last, so the print house never sees half a batch and never a batch the database does not know as it is.
 * A crash between two steps leaves a WRITING batch (drawn again, nothing was shown) or a WRITTEN one (published by
 * the next round from the files already drawn).
 */
@Service
public class PrintBatchService {
    private static final Logger log = LoggerFactory.getLogger(PrintBatchService.class);
    private static final int MAX_BATCHES_PER_ROUND = 10;
    static final String[] MANIFEST_HEADER = {"sequence", "letter_id", "group", "language", "template_version", "pages",
            "first_page", "postcode", "kix", "country"};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PrintHouseNotifier notifier;
    private final LetterService letters;
    private final LetterRenderer renderer;
    private final Path exportDir;
    private final Clock clock;
    private final CrashPoints crashPoints;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT);

    public PrintBatchService(JdbcTemplate jdbc, PlatformTransactionManager transactions, PrintHouseNotifier notifier,
                             LetterService letters, LetterRenderer renderer,
                             @Value("${breachnotify.export-dir}") Path exportDir, Clock clock,
                             CrashPoints crashPoints) {
        this.letters = letters;
        this.renderer = renderer;
        this.jdbc = jdbc;
        // Own transactions, not the caller's: a claimed batch must stay claimed once its files exist on disk.
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.notifier = notifier;
        this.exportDir = exportDir;
        this.clock = clock;
        this.crashPoints = crashPoints;
    }

    /** One round: finish batches left half-way, then cut new ones. Answers the ids of batches delivered now. */
    public List<String> cutAndDeliver(Campaign campaign) {
        List<String> delivered = new ArrayList<>();
        for (String batchId : batchesIn(campaign.id(), "WRITING")) {
            write(campaign, batchId);
        }
        for (String batchId : batchesIn(campaign.id(), "WRITTEN")) {
            try {
                publish(campaign, batchId);
            } catch (IOException e) {
                throw new UncheckedIOException("could not publish print batch " + batchId, e);
            }
        }
        for (String batchId : batchesIn(campaign.id(), "NOTIFYING")) {
            notify(campaign, batchId);
        }
        for (boolean domestic : new boolean[]{true, false}) {
            while (delivered.size() < MAX_BATCHES_PER_ROUND && batchDue(campaign, domestic)) {
                String batchId = claim(campaign, domestic);
                if (batchId == null) {
                    break;
                }
                write(campaign, batchId);
                notify(campaign, batchId);
                delivered.add(batchId);
            }
        }
        return delivered;
    }

    /** A full batch is due at once; a partial one when its oldest letter has waited long enough. */
    private boolean batchDue(Campaign campaign, boolean domestic) {
        Map<String, Object> row = jdbc.queryForMap("""
                select count(*) n, min(created_at) oldest from letter
                where campaign_id = ? and status = 'READY' and (country = 'NL') = ?""", campaign.id(), domestic);
        long ready = ((Number) row.get("n")).longValue();
        if (ready == 0) {
            return false;
        }
        if (ready >= campaign.settings().batchSize()) {
            return true;
        }
        Instant oldest = ((java.sql.Timestamp) row.get("oldest")).toInstant();
        Duration waited = Duration.between(oldest, clock.instant());
        return waited.compareTo(campaign.settings().batchMaxWaitDuration()) >= 0;
    }

    private String claim(Campaign campaign, boolean domestic) {
        return tx.execute(status -> {
            Long seq = jdbc.queryForObject("select nextval('print_batch_seq')", Long.class);
            String batchId = "%s-B%06d".formatted(campaign.code().toUpperCase(), seq);
            jdbc.update("""
                    insert into print_batch (id, campaign_id, domestic, letters, pages, sheets, status)
                    values (?,?,?,0,0,0,'WRITING')""", batchId, campaign.id(), domestic);
            int claimed = jdbc.update("""
                    update letter set status = 'EXPORTED', batch_id = ?, exported_at = now(),
                                      print_attempts = print_attempts + 1
                    where id in (select id from letter
                                 where campaign_id = ? and status = 'READY' and (country = 'NL') = ?
                                 order by postcode, house_number, id limit ? for update skip locked)""",
                    batchId, campaign.id(), domestic, campaign.settings().batchSize());
            if (claimed == 0) {
                status.setRollbackOnly();
                return null;
            }
            jdbc.update("update person set stage = 'EXPORTED' where id in (select person_id from letter where batch_id = ?)",
                    batchId);
            return batchId;
        });
    }

    /**
     * Renders the batch into a hidden folder, records what was rendered, then publishes it. A crash before the record
     * leaves nothing anybody sees; after it, the next round publishes the files already written.
     */
    private void write(Campaign campaign, String batchId) {
        Path ticket = exportDir.resolve(batchId).resolve(batchId + ".json");
        try {
            if (Files.exists(ticket)) {
                recordPublished(batchId);
                return;
            }
            Path partial = exportDir.resolve(".partial-" + batchId);
            BatchFiles files = render(campaign, batchId, partial);
            tx.executeWithoutResult(status -> {
                letters.recordRendered(files.printFile().letters());
                jdbc.update(
                        "update print_batch set letters = ?, pages = ?, sheets = ?, status = 'WRITTEN' where id = ?",
                        files.letters(), files.printFile().totalPages(), files.printFile().sheets(), batchId);
            });
            log.info("Print batch {} written: {} letters, {} pages, {} sheets", batchId, files.letters(),
                    files.printFile().totalPages(), files.printFile().sheets());
            publish(campaign, batchId);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write print batch " + batchId, e);
        }
    }

    /** Draws the print file, manifest, checksums and job ticket (under a temporary name) into {@code partial}. */
    private BatchFiles render(Campaign campaign, String batchId, Path partial) throws IOException {
        Files.createDirectories(exportDir);
        deleteRecursively(partial);
        deleteRecursively(exportDir.resolve(batchId)); // never published: no job ticket in it
        Files.createDirectories(partial);

        List<ManifestLine> lines = jdbc.query("""
                select id, grp, language, template_version, pages, postcode, kix, country from letter
                where batch_id = ? order by postcode, house_number, id""", (rs, i) -> new ManifestLine(i + 1,
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getString(7), rs.getString(8)), batchId);
        Path pdf = partial.resolve(batchId + ".pdf");
        LetterRenderer.BatchFile printFile;
        try (OutputStream out = Files.newOutputStream(pdf)) {
            printFile = renderer.renderBatch(letters.contentsOfBatch(batchId), out, batchId);
        }
        Path csv = partial.resolve(batchId + ".csv");
        writeManifest(csv, lines, printFile.letters());
        Files.writeString(partial.resolve(batchId + ".sha256"),
                sha256(pdf) + "  " + pdf.getFileName() + "\n" + sha256(csv) + "  " + csv.getFileName() + "\n");

        Map<String, Integer> groups = new TreeMap<>();
        lines.forEach(l -> groups.merge(l.group(), 1, Integer::sum));
        Map<String, Object> jobTicket = new LinkedHashMap<>();
        jobTicket.put("batchId", batchId);
        jobTicket.put("campaign", campaign.code());
        jobTicket.put("createdAt", clock.instant().toString());
        jobTicket.put("domestic", isDomestic(batchId));
        jobTicket.put("letters", lines.size());
        jobTicket.put("pages", printFile.totalPages());
        jobTicket.put("sheets", printFile.sheets());
        jobTicket.put("groups", groups);
        jobTicket.put("files", List.of(pdf.getFileName().toString(), csv.getFileName().toString(),
                batchId + ".sha256"));
        json.writeValue(partial.resolve(unpublishedTicket(batchId)).toFile(), jobTicket);
        return new BatchFiles(lines.size(), printFile);
    }

    /**
     * Puts a recorded batch in place: its folder by one rename, then the job ticket by another, so the print house
     * never sees half a batch. Each step is skipped when a crash came after it; files lost altogether are drawn again.
     */
    private void publish(Campaign campaign, String batchId) throws IOException {
        Path partial = exportDir.resolve(".partial-" + batchId);
        Path finalDir = exportDir.resolve(batchId);
        Path ticket = finalDir.resolve(batchId + ".json");
        if (!Files.exists(ticket)) {
            if (Files.exists(partial.resolve(unpublishedTicket(batchId)))) {
                deleteRecursively(finalDir);
                Files.move(partial, finalDir, StandardCopyOption.ATOMIC_MOVE);
            }
            Path tmpTicket = finalDir.resolve(unpublishedTicket(batchId));
            if (!Files.exists(tmpTicket)) {
                log.warn("Print batch {} was recorded but its files are gone; writing them again", batchId);
                write(campaign, batchId);
                return;
            }
            Files.move(tmpTicket, ticket, StandardCopyOption.ATOMIC_MOVE);
            crashPoints.reached(CrashPoints.Point.BATCH_TICKET_RENAMED);
        }
        markStatus(batchId, "NOTIFYING");
    }

    /**
     * A batch an earlier version of this service published and then crashed before recording: its files are out,
     * possibly printed already, so they stay as they are. The batch is drawn again (the same letters draw the same
     * bytes) to learn what each letter showed, and recorded once that is shown to be exactly the published print file.
     */
    private void recordPublished(String batchId) throws IOException {
        Path published = exportDir.resolve(batchId);
        Path scratch = Files.createDirectories(exportDir.resolve(".check-" + batchId)).resolve(batchId + ".pdf");
        try {
            LetterRenderer.BatchFile printFile;
            try (OutputStream out = Files.newOutputStream(scratch)) {
                printFile = renderer.renderBatch(letters.contentsOfBatch(batchId), out, batchId);
            }
            String expected = sha256(scratch) + "  " + batchId + ".pdf";
            if (!Files.readAllLines(published.resolve(batchId + ".sha256")).contains(expected)) {
                throw new IllegalStateException("print batch " + batchId + " was published but not recorded, and its"
                        + " print file is not what its letters draw now; compare " + published + " with the database");
            }
            tx.executeWithoutResult(status -> {
                letters.recordRendered(printFile.letters());
                jdbc.update(
                        "update print_batch set letters = ?, pages = ?, sheets = ?, status = 'NOTIFYING' where id = ?",
                        printFile.letters().size(), printFile.totalPages(), printFile.sheets(), batchId);
            });
            log.warn("Print batch {} had been published but not recorded; recorded now from its print file: {} letters",
                    batchId, printFile.letters().size());
        } finally {
            deleteRecursively(scratch.getParent());
        }
    }

    private static String unpublishedTicket(String batchId) {
        return ".tmp-" + batchId + ".json";
    }

    private void notify(Campaign campaign, String batchId) {
        Map<String, Object> b = jdbc.queryForMap("select letters, pages, sheets from print_batch where id = ?", batchId);
        try {
            notifier.batchReady(new PrintHouseNotifier.BatchReady(batchId, campaign.code(),
                    ((Number) b.get("letters")).intValue(), ((Number) b.get("pages")).intValue(),
                    ((Number) b.get("sheets")).intValue(), exportDir.resolve(batchId).toString()));
        } catch (MailException e) {
            return; // the batch stays "notifying" and the next round tries the mail again
        }
        markStatus(batchId, "DELIVERED");
    }

    private void writeManifest(Path csv, List<ManifestLine> lines, List<LetterRenderer.LetterResult> printed)
            throws IOException {
        // People at the print house open the manifest in a spreadsheet: no value may act as a formula there.
        try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8),
                SpreadsheetCsv.plainFormat(MANIFEST_HEADER))) {
            for (int i = 0; i < lines.size(); i++) {
                ManifestLine l = lines.get(i);
                LetterRenderer.LetterResult p = printed.get(i);
                if (!p.letterId().equals(l.letterId())) {
                    throw new IllegalStateException("print file and manifest of " + csv.getFileName() + " disagree at "
                            + "sequence " + l.sequence());
                }
                SpreadsheetCsv.printRecord(out, l.sequence(), l.letterId(), l.group(), l.language(),
                        l.templateVersion(), p.pages(), p.firstPage(), l.postcode(), l.kix(), l.country());
            }
        }
    }

    private boolean isDomestic(String batchId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select domestic from print_batch where id = ?", Boolean.class,
                batchId));
    }

    private List<String> batchesIn(long campaignId, String status) {
        return jdbc.queryForList("select id from print_batch where campaign_id = ? and status = ? order by id",
                String.class, campaignId, status);
    }

    private void markStatus(String batchId, String status) {
        tx.executeWithoutResult(s -> jdbc.update("update print_batch set status = ? where id = ?", status, batchId));
    }

    static String sha256(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private record BatchFiles(int letters, LetterRenderer.BatchFile printFile) {
    }

    private record ManifestLine(int sequence, String letterId, String group, String language, String templateVersion,
                                int pages, String postcode, String kix, String country) {
    }
}
