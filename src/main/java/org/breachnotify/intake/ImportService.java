package org.breachnotify.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.breachnotify.platform.PlannerStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one file of any known type for a campaign, exactly once: the same bytes imported again change nothing.
 * A file is stored whole or not at all (one transaction); bad rows are rejected with line and reason.
 */
@Service
public class ImportService {
    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Map<FileType, FileImporter> importers = new EnumMap<>(FileType.class);
    private final ImportProgress progress;
    private final PlannerStatistics statistics;

    public ImportService(JdbcTemplate jdbc, PlatformTransactionManager transactions, List<FileImporter> importers,
                         ImportProgress progress, PlannerStatistics statistics) {
        this.jdbc = jdbc;
        this.progress = progress;
        this.statistics = statistics;
        // Own transaction even when called from a process step: once a file is moved to "processed" its rows
        // must be committed, whatever happens to the step afterwards.
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        importers.forEach(i -> this.importers.put(i.type(), i));
    }

    public ImportResult importFile(long campaignId, FileType type, String fileName, Path file) {
        String sha256 = sha256(file);
        Optional<ImportResult> earlier = find(campaignId, type, sha256);
        if (earlier.isPresent()) {
            ImportResult e = earlier.get();
            log.info("File {} ({}) was imported before as import {}; nothing changed", fileName, type, e.importFileId());
            return new ImportResult(e.importFileId(), fileName, type, e.status(), e.read(), e.accepted(), e.rejected(),
                    e.message(), true, e.firstRejections());
        }
        FileImporter importer = importers.get(type);
        if (importer == null) {
            throw new IllegalStateException("no importer for " + type);
        }
        try {
            ImportResult result = tx.execute(status -> store(campaignId, type, fileName, file, sha256, importer));
            importer.filledTable().ifPresent(table -> statistics.refreshAfter(table, result.accepted(), "rows"));
            return result;
        } catch (RefusedFile refused) {
            Long id = tx.execute(status -> jdbc.queryForObject("""
                    insert into import_file (campaign_id, file_type, file_name, sha256, status, message)
                    values (?,?,?,?,?,?) returning id""", Long.class, campaignId, type.name(), fileName, sha256,
                    ImportResult.REFUSED, refused.getMessage()));
            log.warn("File refused: {}", refused.getMessage());
            return new ImportResult(id, fileName, type, ImportResult.REFUSED, 0, 0, 0, refused.getMessage(), false,
                    List.of());
        }
    }

    private ImportResult store(long campaignId, FileType type, String fileName, Path file, String sha256,
                               FileImporter importer) {
        Long id = jdbc.queryForObject("""
                insert into import_file (campaign_id, file_type, file_name, sha256, status)
                values (?,?,?,?,?) returning id""", Long.class, campaignId, type.name(), fileName, sha256,
                ImportResult.IMPORTED);
        RejectionLog rejections = new RejectionLog(jdbc, id);
        ReadCounts counts;
        try (InputStream in = progress.track(id, campaignId, fileName, type, Files.size(file),
                Files.newInputStream(file))) {
            counts = importer.importRows(new FileImporter.ImportContext(campaignId, id, fileName, rejections), in);
        } catch (FileRefusedException e) {
            throw new RefusedFile(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + fileName, e);
        }
        rejections.flush();
        String note = rejections.notListed() == 0 ? null : RejectionLog.notListedNote(rejections.notListed());
        jdbc.update("""
                update import_file set rows_read = ?, rows_accepted = ?, rows_rejected = ?, rejected_not_listed = ?,
                                       message = ?
                where id = ?""", counts.read(), counts.accepted(), counts.rejected(), rejections.notListed(), note, id);
        log.info("Imported {} ({}) as import {}: read {}, accepted {}, rejected {} ({} not listed)", fileName, type, id,
                counts.read(), counts.accepted(), counts.rejected(), rejections.notListed());
        return new ImportResult(id, fileName, type, ImportResult.IMPORTED, counts.read(), counts.accepted(),
                counts.rejected(), note, false, firstRejections(id));
    }

    public Optional<ImportResult> find(long campaignId, FileType type, String sha256) {
        return jdbc.query("""
                select id, file_name, status, rows_read, rows_accepted, rows_rejected, message from import_file
                where campaign_id = ? and file_type = ? and sha256 = ?""", (rs, i) -> new ImportResult(rs.getLong(1),
                rs.getString(2), type, rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getString(7),
                false, List.of()), campaignId, type.name(), sha256).stream().findFirst()
                .map(r -> new ImportResult(r.importFileId(), r.fileName(), type, r.status(), r.read(), r.accepted(),
                        r.rejected(), r.message(), false, firstRejections(r.importFileId())));
    }

    private List<Rejection> firstRejections(long importFileId) {
        return jdbc.query("""
                select line_number, record_key, reason from rejected_row where import_file_id = ?
                order by line_number limit 20""", (rs, i) -> new Rejection(rs.getLong(1), rs.getString(2),
                rs.getString(3)), importFileId);
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Carries a refusal out of the transaction so that nothing of the file is kept. */
    private static final class RefusedFile extends RuntimeException {
        RefusedFile(String message) {
            super(message);
        }
    }
}
