package org.breachnotify.printhouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.journey.Journeys;
import org.breachnotify.letter.LetterContent;
import org.breachnotify.letter.LetterRenderer;
import org.breachnotify.letter.LetterService;
import org.breachnotify.letter.LetterStatuses;
import org.breachnotify.platform.CrashPoints;
import org.breachnotify.platform.SpreadsheetCsv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
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
 *
 * <p>The batches of a round go through three steps at once, each batch through them in that order: while one batch
 * is drawn (on every core, by the renderer), the one before it is finished (manifest, checksums, job ticket, record,
 * publish, mail) and the one after it is claimed and read, so the renderer no longer waits for the database: one
 * batch after the other, it stood still more than half of the time (docs/benchmarks.md). A crash may now leave
 * several batches of a round half-way; each is finished by the next round as before.
 */
@Service
public class PrintBatchService implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(PrintBatchService.class);
    /** 20 batches of 5,000: a round of about 20 s at 5,000 letters/s, well inside the job's 5-minute lock. */
    private static final int MAX_BATCHES_PER_ROUND = 20;
    /** Batches of a round under way at once: one claimed and read, one drawn, one finished. */
    private static final int IN_FLIGHT = 3;
    static final String[] MANIFEST_HEADER = {"sequence", "letter_id", "group", "language", "template_version", "pages",
            "first_page", "postcode", "kix", "country"};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PrintHouseNotifier notifier;
    private final LetterService letters;
    private final LetterStatuses letterStatuses;
    private final Journeys journeys;
    private final LetterRenderer renderer;
    private final Path exportDir;
    private final Clock clock;
    private final CrashPoints crashPoints;
    /** One batch drawn at a time: the renderer already uses every core for it. */
    private final ExecutorService drawing = singleThread("print-batch-draw");
    /** Batches finished one at a time, in the order they were claimed. */
    private final ExecutorService finishing = singleThread("print-batch-finish");
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT);

    public PrintBatchService(JdbcTemplate jdbc, PlatformTransactionManager transactions, PrintHouseNotifier notifier,
                             LetterService letters, LetterStatuses letterStatuses, Journeys journeys,
                             LetterRenderer renderer,
                             @Value("${breachnotify.export-dir}") Path exportDir, Clock clock,
                             CrashPoints crashPoints) {
        this.letters = letters;
        this.letterStatuses = letterStatuses;
        this.journeys = journeys;
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
        List<String> delivered = new ArrayList<>();
        Deque<Future<String>> underWay = new ArrayDeque<>();
        try {
            for (boolean domestic : new boolean[]{true, false}) {
                while (delivered.size() + underWay.size() < MAX_BATCHES_PER_ROUND && batchDue(campaign, domestic)) {
                    if (underWay.size() == IN_FLIGHT) {
                        delivered.add(await(underWay.poll()));
                    }
                    Optional<ClaimedBatch> batch = claim(campaign, domestic);
                    if (batch.isEmpty()) {
                        break;
                    }
                    Future<DrawnBatch> drawn = drawing.submit(() -> draw(batch.get()));
                    underWay.add(finishing.submit(() -> {
                        finish(campaign, batch.get(), await(drawn));
                        notify(campaign, batch.get().id());
                        return batch.get().id();
                    }));
                }
            }
            while (!underWay.isEmpty()) {
                delivered.add(await(underWay.poll()));
            }
        } finally {
            // One batch failed: the others run to their end first, so no thread writes when the next round begins.
            // Those drawn are delivered; a batch that failed stays claimed and is drawn again by the next round.
            underWay.forEach(PrintBatchService::awaitQuietly);
        }
        return delivered;
    }

    @Override
    public void destroy() {
        drawing.shutdownNow();
        finishing.shutdownNow();
    }

    private static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The step's result; its own exception as thrown (an unprintable letter names itself). */
    private static <T> T await(Future<T> step) {
        try {
            return step.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while print batches were written", e);
        }
    }

    private static void awaitQuietly(Future<String> batch) {
        try {
            batch.get();
        } catch (ExecutionException e) {
            log.warn("Another print batch of the round failed as well: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A full batch is due at once; a partial one when its oldest letter has waited long enough. Counts no further than
     * one batch: with 941,000 letters ready, counting them all before every batch took seconds.
     */
    private boolean batchDue(Campaign campaign, boolean domestic) {
        Map<String, Object> row = jdbc.queryForMap("""
                select count(*) n, min(created_at) oldest from (
                    select created_at from letter
                    where campaign_id = ? and status = 'READY' and (country = 'NL') = ? limit ?) ready""",
                campaign.id(), domestic, campaign.settings().batchSize());
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

    /** Claims the next batch's letters (committed before anything is drawn) and reads what they show. */
    private Optional<ClaimedBatch> claim(Campaign campaign, boolean domestic) {
        String claimed = tx.execute(status -> {
            Long seq = jdbc.queryForObject("select nextval('print_batch_seq')", Long.class);
            String batchId = "%s-B%06d".formatted(campaign.code().toUpperCase(), seq);
            jdbc.update("""
                    insert into print_batch (id, campaign_id, domestic, letters, pages, sheets, status)
                    values (?,?,?,0,0,0,'WRITING')""", batchId, campaign.id(), domestic);
            List<Long> people = letterStatuses.claimForBatch(batchId, campaign.id(), domestic,
                    campaign.settings().batchSize());
            if (people.isEmpty()) {
                status.setRollbackOnly();
                return null;
            }
            journeys.markExported(people);
            return batchId;
        });
        return Optional.ofNullable(claimed).map(this::read);
    }

    /** A claimed batch as its files will show it: manifest lines and letter contents, in print order. */
    private ClaimedBatch read(String batchId) {
        List<ManifestLine> lines = jdbc.query("""
                select id, grp, language, template_version, pages, postcode, kix, country from letter
                where batch_id = ? order by postcode, house_number, id""", (rs, i) -> new ManifestLine(i + 1,
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getString(7), rs.getString(8)), batchId);
        return new ClaimedBatch(batchId, isDomestic(batchId), lines, letters.contentsOfBatch(batchId));
    }

    /**
     * Draws the batch into a hidden folder, records what was drawn, then publishes it. A crash before the record
     * leaves nothing anybody sees; after it, the next round publishes the files already written.
     */
    private void write(Campaign campaign, String batchId) {
        Path ticket = exportDir.resolve(batchId).resolve(batchId + ".json");
        try {
            if (Files.exists(ticket)) {
                recordPublished(batchId);
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write print batch " + batchId, e);
        }
        ClaimedBatch batch = read(batchId);
        finish(campaign, batch, draw(batch));
    }

    /** Draws the print file into the batch's hidden folder, made afresh; its checksum is taken as it is written. */
    private DrawnBatch draw(ClaimedBatch batch) {
        String batchId = batch.id();
        Path partial = exportDir.resolve(".partial-" + batchId);
        try {
            Files.createDirectories(exportDir);
            deleteRecursively(partial);
            deleteRecursively(exportDir.resolve(batchId)); // never published: no job ticket in it
            Files.createDirectories(partial);
            MessageDigest digest = sha256();
            LetterRenderer.BatchFile printFile;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial.resolve(batchId + ".pdf")),
                    digest)) {
                printFile = renderer.renderBatch(batch.contents(), out, batchId);
            }
            return new DrawnBatch(printFile, hex(digest));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write print batch " + batchId, e);
        }
    }

    /**
     * Completes a drawn batch's hidden folder (manifest, checksums, job ticket under a temporary name), records it
     * (counts, each letter's content hash), then publishes it.
     */
    private void finish(Campaign campaign, ClaimedBatch batch, DrawnBatch drawn) {
        String batchId = batch.id();
        LetterRenderer.BatchFile printFile = drawn.printFile();
        Path partial = exportDir.resolve(".partial-" + batchId);
        try {
            Path csv = partial.resolve(batchId + ".csv");
            MessageDigest csvDigest = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(csv), csvDigest)) {
                writeManifest(out, csv, batch.lines(), printFile.letters());
            }
            Files.writeString(partial.resolve(batchId + ".sha256"), drawn.sha256() + "  " + batchId + ".pdf\n"
                    + hex(csvDigest) + "  " + csv.getFileName() + "\n");

            Map<String, Integer> groups = new TreeMap<>();
            batch.lines().forEach(l -> groups.merge(l.group(), 1, Integer::sum));
            Map<String, Object> jobTicket = new LinkedHashMap<>();
            jobTicket.put("batchId", batchId);
            jobTicket.put("campaign", campaign.code());
            jobTicket.put("createdAt", clock.instant().toString());
            jobTicket.put("domestic", batch.domestic());
            jobTicket.put("letters", batch.lines().size());
            jobTicket.put("pages", printFile.totalPages());
            jobTicket.put("sheets", printFile.sheets());
            jobTicket.put("groups", groups);
            jobTicket.put("files", List.of(batchId + ".pdf", csv.getFileName().toString(), batchId + ".sha256"));
            json.writeValue(partial.resolve(unpublishedTicket(batchId)).toFile(), jobTicket);

            tx.executeWithoutResult(status -> {
                letters.recordRendered(printFile.letters());
                jdbc.update(
                        "update print_batch set letters = ?, pages = ?, sheets = ?, status = 'WRITTEN' where id = ?",
                        batch.lines().size(), printFile.totalPages(), printFile.sheets(), batchId);
            });
            log.info("Print batch {} written: {} letters, {} pages, {} sheets", batchId, batch.lines().size(),
                    printFile.totalPages(), printFile.sheets());
            publish(campaign, batchId);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write print batch " + batchId, e);
        }
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

    private void writeManifest(OutputStream target, Path csv, List<ManifestLine> lines,
                               List<LetterRenderer.LetterResult> printed) throws IOException {
        // People at the print house open the manifest in a spreadsheet: no value may act as a formula there.
        try (CSVPrinter out = new CSVPrinter(new BufferedWriter(
                new OutputStreamWriter(target, StandardCharsets.UTF_8), 64 * 1024),
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
            MessageDigest digest = sha256();
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return hex(digest);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
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

    /** A claimed batch as read for drawing: its manifest lines and letter contents, both in print order. */
    private record ClaimedBatch(String id, boolean domestic, List<ManifestLine> lines, List<LetterContent> contents) {
    }

    private record DrawnBatch(LetterRenderer.BatchFile printFile, String sha256) {
    }

    private record ManifestLine(int sequence, String letterId, String group, String language, String templateVersion,
                                int pages, String postcode, String kix, String country) {
    }
}
