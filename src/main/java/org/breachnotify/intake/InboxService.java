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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The drop folder of a campaign: {@code <inbox>/<campaign code>/}. Files are recognised by name
 * (participants*.csv, leaked-records*.csv, address-updates*.csv, dispatch-confirmation*.csv, return-mail*.csv),
 * claimed by an atomic move (so two nodes never import the same drop), imported, and moved to {@code processed/}
 * or, when refused whole, to {@code refused/} with a {@code .error.txt} next to it. Writers should write under a
 * name starting with a dot and rename when complete; dot-files are never picked up.
 */
@Service
public class InboxService {
    private static final Logger log = LoggerFactory.getLogger(InboxService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    /** People first, then what refers to them, then what refers to letters. */
    private static final List<FileType> IMPORT_ORDER = List.of(FileType.PARTICIPANTS, FileType.LEAKED_RECORDS,
            FileType.ADDRESS_UPDATES, FileType.DISPATCH_CONFIRMATION, FileType.RETURN_MAIL);

    private final ImportService imports;
    private final Clock clock;

    public InboxService(ImportService imports, Clock clock) {
        this.imports = imports;
        this.clock = clock;
    }

    public List<ImportResult> importNewFiles(long campaignId, Path inbox) {
        List<ImportResult> results = new ArrayList<>();
        for (Path file : waitingFiles(inbox)) {
            Optional<FileType> type = FileType.fromFileName(file.getFileName().toString());
            if (type.isEmpty()) {
                continue;
            }
            Path claimed = claim(inbox, file);
            if (claimed == null) {
                continue; // another node took it
            }
            ImportResult result = imports.importFile(campaignId, type.get(), file.getFileName().toString(), claimed);
            results.add(result);
            settle(inbox, claimed, result);
        }
        return results;
    }

    /** How many recognised files wait in the inbox. */
    public long waiting(Path inbox) {
        return waitingFiles(inbox).stream()
                .filter(f -> FileType.fromFileName(f.getFileName().toString()).isPresent()).count();
    }

    private List<Path> waitingFiles(Path inbox) {
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

    private Path claim(Path inbox, Path file) {
        try {
            Path processing = Files.createDirectories(inbox.resolve(".processing"));
            return Files.move(file, processing.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
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
            Files.move(claimed, target, StandardCopyOption.ATOMIC_MOVE);
            if (refused) {
                Files.writeString(target.resolveSibling(target.getFileName() + ".error.txt"), result.message() + "\n");
            }
        } catch (IOException e) {
            log.warn("Imported {} but could not move it out of the inbox: {}", claimed, e.getMessage());
        }
    }
}
