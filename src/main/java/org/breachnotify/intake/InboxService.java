package org.breachnotify.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.breachnotify.platform.CrashPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The drop folder of a campaign: {@code <inbox>/<campaign code>/}. Files are recognised by name
 * (participants*.csv, leaked-records*.csv, address-updates*.csv, dispatch-confirmation*.csv, return-mail*.csv),
 * claimed (in the database, then by an atomic move to {@code .processing/}, so two nodes never import the same drop),
 * imported, and moved to {@code processed/} or, when refused whole, to {@code refused/} with a {@code .error.txt} next
 * to it. Writers should write under a name starting with a dot and rename when complete; dot-files are never picked
 * up. A file left in {@code .processing/} by a process that died is taken over and imported by the next round once
 * its claim is stale (see {@link InboxClaims}); importing it again changes nothing if it got through before.
 */
@Service
public class InboxService {
    private static final Logger log = LoggerFactory.getLogger(InboxService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    /** People first, then what refers to them, then what refers to letters. */
    private static final List<FileType> IMPORT_ORDER = List.of(FileType.PARTICIPANTS, FileType.LEAKED_RECORDS,
            FileType.ADDRESS_UPDATES, FileType.DISPATCH_CONFIRMATION, FileType.RETURN_MAIL);

    private static final String PROCESSING = ".processing";

    private final ImportService imports;
    private final InboxClaims claims;
    private final CrashPoints crashPoints;
    private final Clock clock;

    InboxService(ImportService imports, InboxClaims claims, CrashPoints crashPoints, Clock clock) {
        this.imports = imports;
        this.claims = claims;
        this.crashPoints = crashPoints;
        this.clock = clock;
    }

    public List<ImportResult> importNewFiles(long campaignId, Path inbox) {
        List<ImportResult> results = new ArrayList<>();
        // A process that died after settling a file but before giving up its claim left the claim and no file.
        claims.forgetFinished(campaignId, name -> Files.exists(inbox.resolve(name))
                || Files.exists(inbox.resolve(PROCESSING).resolve(name)));
        // First what a process that died left claimed: it came in before anything waiting now.
        for (Path stranded : filesIn(inbox.resolve(PROCESSING))) {
            String name = stranded.getFileName().toString();
            Optional<FileType> type = FileType.fromFileName(name);
            if (type.isEmpty() || !claims.claim(campaignId, name)) {
                continue; // a live claim holds it: its node is importing it
            }
            if (!Files.exists(stranded)) {
                claims.release(campaignId, name); // its importer finished after all
                continue;
            }
            log.warn("Importing {} of campaign {} again: it was left claimed by a process that stopped", name,
                    campaignId);
            results.add(importClaimed(campaignId, inbox, type.get(), stranded));
        }
        for (Path file : filesIn(inbox)) {
            String name = file.getFileName().toString();
            Optional<FileType> type = FileType.fromFileName(name);
            if (type.isEmpty() || !claims.claim(campaignId, name)) {
                continue; // another node took it
            }
            Path claimed = moveToProcessing(inbox, file);
            if (claimed == null) {
                claims.release(campaignId, name);
                continue;
            }
            crashPoints.reached(CrashPoints.Point.FILE_CLAIMED);
            results.add(importClaimed(campaignId, inbox, type.get(), claimed));
        }
        return results;
    }

    /** Imports a file this run has claimed and moves it out of {@code .processing}; the claim ends either way. */
    private ImportResult importClaimed(long campaignId, Path inbox, FileType type, Path claimed) {
        String name = claimed.getFileName().toString();
        try {
            ImportResult result = imports.importFile(campaignId, type, name, claimed);
            settle(inbox, claimed, result);
            return result;
        } finally {
            // After a failure the file stays in .processing, unclaimed, and the next round tries it again.
            claims.release(campaignId, name);
        }
    }

    /** How many recognised files wait in the inbox or are claimed and not yet imported. */
    public long waiting(Path inbox) {
        return Stream.concat(filesIn(inbox).stream(), filesIn(inbox.resolve(PROCESSING)).stream())
                .filter(f -> FileType.fromFileName(f.getFileName().toString()).isPresent()).count();
    }

    private List<Path> filesIn(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            // Register before leaked records before everything that refers to letters; then by name.
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path f) -> FileType.fromFileName(f.getFileName().toString())
                                    .map(IMPORT_ORDER::indexOf).orElse(99))
                            .thenComparing(f -> f.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list inbox " + inbox, e);
        }
    }

    /** Answers where the file went, or null when it is gone or a file of its name is still in {@code .processing}. */
    private Path moveToProcessing(Path inbox, Path file) {
        try {
            Path target = Files.createDirectories(inbox.resolve(PROCESSING)).resolve(file.getFileName());
            if (Files.exists(target)) {
                return null; // imported first, by the next round, before this newer file of the same name
            }
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException | FileAlreadyExistsException gone) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not claim " + file, e);
        }
    }

    private void settle(Path inbox, Path claimed, ImportResult result) {
        boolean refused = ImportResult.REFUSED.equals(result.status());
        try {
            Path target = Files.createDirectories(inbox.resolve(refused ? "refused" : "processed"))
                    .resolve(STAMP.format(clock.instant()) + "-" + claimed.getFileName());
            if (refused) { // the reason first: a crash in between leaves the file to be settled again, not unexplained
                Files.writeString(target.resolveSibling(target.getFileName() + ".error.txt"), result.message() + "\n");
            }
            Files.move(claimed, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Imported {} but could not move it out of the inbox: {}", claimed, e.getMessage());
        }
    }
}
