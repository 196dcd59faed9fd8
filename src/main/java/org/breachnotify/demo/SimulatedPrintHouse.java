package org.breachnotify.demo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Plays the print house for the demo and the tests: picks up complete print batches, "posts" them and
 * answers with a dispatch confirmation and the returned mail, in the exchange formats.
 *
 * <p>Which letters fail or come back is decided by a hash of the letter id (failures also by the batch id, so a
 * reprint normally gets through; returns also by the postal
 * world file from the generator), so a batch gives the same answer every time. Handled batches are
 * remembered as marker files in {@code stateDir}, so a restart does not post a batch twice.
 */
public class SimulatedPrintHouse {

    private static final Logger log = LoggerFactory.getLogger(SimulatedPrintHouse.class);

    static final List<String> RANDOM_RETURN_REASONS = List.of("ADDRESS_UNKNOWN", "ADDRESS_UNKNOWN",
            "ADDRESS_INCOMPLETE", "ADDRESS_INCOMPLETE", "MAILBOX_UNAVAILABLE", "REFUSED", "ILLEGIBLE", "OTHER");
    private static final List<String> FAILURE_REASONS = List.of("damaged", "misprint");

    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreHeaderCase(true).setTrim(true).setIgnoreEmptyLines(true).get();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path exportDir;
    private final Path stateDir;
    private final Function<String, Path> inboxForCampaign;
    private final Path postalWorldFile;
    private final double randomReturnShare;
    private final double failedShare;
    private final Clock clock;

    public SimulatedPrintHouse(Path exportDir, Path stateDir, Function<String, Path> inboxForCampaign,
                               Path postalWorldFile, double randomReturnShare, double failedShare, Clock clock) {
        if (!(randomReturnShare >= 0 && randomReturnShare <= 1) || !(failedShare >= 0 && failedShare <= 1)) {
            throw new IllegalArgumentException("shares must be between 0 and 1");
        }
        this.exportDir = exportDir;
        this.stateDir = stateDir;
        this.inboxForCampaign = inboxForCampaign;
        this.postalWorldFile = postalWorldFile;
        this.randomReturnShare = randomReturnShare;
        this.failedShare = failedShare;
        this.clock = clock;
    }

    /** Handles every complete batch not handled before; answers how many it handled now. */
    public synchronized int processNewBatches() {
        if (!Files.isDirectory(exportDir)) {
            return 0;
        }
        try {
            Files.createDirectories(stateDir);
            List<Path> pending = new ArrayList<>();
            try (Stream<Path> dirs = Files.list(exportDir)) {
                dirs.filter(Files::isDirectory)
                        .filter(d -> !d.getFileName().toString().startsWith("."))
                        .filter(d -> Files.isRegularFile(d.resolve(d.getFileName() + ".json")))
                        .filter(d -> !Files.exists(marker(d.getFileName().toString())))
                        .sorted()
                        .forEach(pending::add);
            }
            if (pending.isEmpty()) {
                return 0;
            }
            Map<String, String> world = loadPostalWorld();
            int handled = 0;
            for (Path batchDir : pending) {
                try {
                    if (handle(batchDir, world)) {
                        handled++;
                    }
                } catch (RuntimeException e) {
                    // A broken batch must not keep the others from being posted; it is retried next run.
                    log.warn("Print house could not handle batch {}: {}", batchDir.getFileName(), e.getMessage());
                }
            }
            return handled;
        } catch (IOException e) {
            throw new UncheckedIOException("print house could not read " + exportDir, e);
        }
    }

    private boolean handle(Path batchDir, Map<String, String> world) throws IOException {
        String batchId = batchDir.getFileName().toString();
        Optional<String> campaign = readCampaign(batchDir.resolve(batchId + ".json"), batchId);
        if (campaign.isEmpty()) {
            return false;
        }
        Path manifest = batchDir.resolve(batchId + ".csv");
        if (!Files.isRegularFile(manifest)) {
            log.warn("Print batch {} has a job ticket but no manifest; left alone", batchId);
            return false;
        }
        String today = LocalDate.now(clock).toString();
        List<List<String>> dispatch = new ArrayList<>();
        List<List<String>> returns = new ArrayList<>();
        int failed = 0;
        try (Reader reader = openUtf8(manifest); CSVParser parser = CSVParser.builder().setReader(reader)
                .setFormat(READ).get()) {
            requireColumns(parser, manifest, "letter_id", "kix");
            for (CSVRecord row : parser) {
                String letterId = row.get("letter_id");
                if (letterId.isEmpty()) {
                    continue;
                }
                // Keyed by batch too: a reprint of a failed letter, in a later batch, normally succeeds.
                if (fraction(letterId, "failed:" + batchId) < failedShare) {
                    String reason = FAILURE_REASONS.get(index(letterId, "failure-reason", FAILURE_REASONS.size()));
                    dispatch.add(List.of(letterId, "FAILED", today, reason));
                    failed++;
                    continue;
                }
                dispatch.add(List.of(letterId, "POSTED", today, ""));
                String kix = row.get("kix");
                String worldReason = kix.isEmpty() ? null : world.get(kix.toUpperCase(Locale.ROOT));
                if (worldReason != null) {
                    returns.add(List.of(letterId, worldReason, today));
                } else if (fraction(letterId, "returned") < randomReturnShare) {
                    String reason = RANDOM_RETURN_REASONS.get(
                            index(letterId, "return-reason", RANDOM_RETURN_REASONS.size()));
                    returns.add(List.of(letterId, reason, today));
                }
            }
        }
        Path inbox = inboxForCampaign.apply(campaign.get());
        Files.createDirectories(inbox);
        writeAtomically(inbox, "dispatch-confirmation-" + batchId + ".csv",
                new String[] {"letter_id", "status", "date", "reason"}, dispatch);
        if (!returns.isEmpty()) {
            writeAtomically(inbox, "return-mail-" + batchId + ".csv",
                    new String[] {"letter_id", "reason", "date"}, returns);
        }
        // The marker comes last: a crash before it means the batch is answered again, with the same files.
        Files.writeString(marker(batchId), today + "\n", StandardCharsets.UTF_8);
        log.info("Print house posted batch {}: {} letters, {} failed, {} returned",
                batchId, dispatch.size(), failed, returns.size());
        return true;
    }

    private Optional<String> readCampaign(Path ticket, String batchId) throws IOException {
        JsonNode json;
        try {
            json = JSON.readTree(Files.readString(ticket, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            log.warn("Job ticket of print batch {} is not valid JSON; left alone", batchId);
            return Optional.empty();
        }
        String ticketBatchId = json.path("batchId").asText("");
        String campaign = json.path("campaign").asText("");
        if (!ticketBatchId.isEmpty() && !ticketBatchId.equals(batchId)) {
            log.warn("Job ticket in directory {} names batch {}; using the directory name", batchId, ticketBatchId);
        }
        if (campaign.isBlank()) {
            log.warn("Job ticket of print batch {} names no campaign; left alone", batchId);
            return Optional.empty();
        }
        return Optional.of(campaign);
    }

    /** The postal world: KIX -> reason the post returns letters to it. Re-read per run; it is small. */
    private Map<String, String> loadPostalWorld() throws IOException {
        Map<String, String> world = new HashMap<>();
        if (postalWorldFile == null || !Files.isRegularFile(postalWorldFile)) {
            return world;
        }
        try (Reader reader = openUtf8(postalWorldFile); CSVParser parser = CSVParser.builder().setReader(reader)
                .setFormat(READ).get()) {
            requireColumns(parser, postalWorldFile, "kix", "reason");
            for (CSVRecord row : parser) {
                if (!row.get("kix").isEmpty() && !row.get("reason").isEmpty()) {
                    world.put(row.get("kix").toUpperCase(Locale.ROOT), row.get("reason").toUpperCase(Locale.ROOT));
                }
            }
        }
        return world;
    }

    private static void requireColumns(CSVParser parser, Path file, String... columns) {
        for (String column : columns) {
            if (!parser.getHeaderMap().containsKey(column)) {
                throw new IllegalStateException(file.getFileName() + " lacks column " + column);
            }
        }
    }

    /** UTF-8, with a leading byte order mark skipped. */
    private static Reader openUtf8(Path file) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static void writeAtomically(Path dir, String name, String[] header, List<List<String>> rows)
            throws IOException {
        Path temp = dir.resolve(".tmp-" + name);
        try (BufferedWriter writer = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8));
             CSVPrinter printer = new CSVPrinter(writer, WRITE)) {
            printer.printRecord((Object[]) header);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
        try {
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path marker(String batchId) {
        return stateDir.resolve(batchId + ".handled");
    }

    /** A stable number in [0, 1) per letter id and purpose. */
    static double fraction(String letterId, String purpose) {
        return (hash(letterId, purpose) >>> 11) * 0x1.0p-53;
    }

    private static int index(String letterId, String purpose, int size) {
        return (int) Math.floorMod(hash(letterId, purpose), (long) size);
    }

    private static long hash(String letterId, String purpose) {
        long h = SyntheticCampaignGenerator.fnv(purpose + ":" + letterId);
        return SyntheticCampaignGenerator.mix(h);
    }
}
