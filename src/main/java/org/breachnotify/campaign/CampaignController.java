package org.breachnotify.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.servlet.http.HttpServletResponse;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.ImportResult;
import org.breachnotify.intake.ImportService;
import org.breachnotify.intake.RejectedRows;
import org.breachnotify.platform.CsvDownloads;
import org.breachnotify.security.CurrentUser;
import org.breachnotify.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/campaigns")
public class CampaignController {
    /** The files the print house sends back. */
    static final Set<FileType> PRINT_HOUSE_FILES = EnumSet.of(FileType.DISPATCH_CONFIRMATION, FileType.RETURN_MAIL);

    private final CampaignService campaigns;
    private final CampaignReportService reports;
    private final ImportService imports;
    private final JdbcTemplate jdbc;
    private final CampaignDefaults defaults;
    private final RejectedRows rejectedRows;
    private final CsvDownloads downloads;

    public CampaignController(CampaignService campaigns, CampaignReportService reports, ImportService imports,
                              JdbcTemplate jdbc, CampaignDefaults defaults, RejectedRows rejectedRows,
                              CsvDownloads downloads) {
        this.defaults = defaults;
        this.rejectedRows = rejectedRows;
        this.downloads = downloads;
        this.campaigns = campaigns;
        this.reports = reports;
        this.imports = imports;
        this.jdbc = jdbc;
    }

    public record NewCampaign(String code, String name, String roundInterval, String returnWindow, Integer batchSize,
                              String batchMaxWait, String letterTemplates) {
    }

    @GetMapping
    public List<Campaign> list() {
        return campaigns.all();
    }

    @PostMapping
    public ResponseEntity<Campaign> create(@RequestBody NewCampaign request) {
        CampaignSettings d = defaults.toSettings();
        CampaignSettings settings = new CampaignSettings(
                request.roundInterval() == null ? d.roundInterval() : request.roundInterval(),
                request.returnWindow() == null ? d.returnWindow() : request.returnWindow(),
                request.batchSize() == null ? d.batchSize() : request.batchSize(),
                request.batchMaxWait() == null ? d.batchMaxWait() : request.batchMaxWait(),
                request.letterTemplates() == null ? d.letterTemplates() : request.letterTemplates());
        return ResponseEntity.status(HttpStatus.CREATED).body(campaigns.create(request.code(), request.name(), settings));
    }

    @GetMapping("/{id}")
    public Campaign get(@PathVariable long id) {
        return campaigns.get(id);
    }

    @PostMapping("/{id}/start")
    public Campaign start(@PathVariable long id) {
        return campaigns.start(id);
    }

    @GetMapping("/{id}/report")
    public CampaignReport report(@PathVariable long id) {
        return reports.report(id);
    }

    /**
     * Imports one file synchronously and answers its result. The type follows from the file name
     * (participants*.csv, ...) unless given as {@code type}. Uploading the same file again changes nothing. The print
     * house may upload {@link #PRINT_HOUSE_FILES} only (403 otherwise).
     */
    @PostMapping(value = "/{id}/files", consumes = "multipart/form-data")
    public ImportResult upload(@PathVariable long id, @RequestParam("file") MultipartFile file,
                               @RequestParam(value = "type", required = false) FileType type) throws IOException {
        campaigns.get(id);
        String name = file.getOriginalFilename() == null ? "upload.csv" : Path.of(file.getOriginalFilename())
                .getFileName().toString();
        FileType fileType = type != null ? type : FileType.fromFileName(name).orElseThrow(() ->
                new IllegalArgumentException("cannot tell the file type from the name '" + name
                        + "'; name it participants*.csv, leaked-records*.csv, address-updates*.csv, "
                        + "dispatch-confirmation*.csv or return-mail*.csv, or pass type=..."));
        if (!PRINT_HOUSE_FILES.contains(fileType) && !CurrentUser.hasAny(Role.ADMINISTRATOR, Role.PROCESS_MANAGER)) {
            throw new AccessDeniedException("the print house may upload dispatch confirmations and returned mail only");
        }
        Path temp = Files.createTempFile("upload-", ".csv");
        try {
            file.transferTo(temp);
            return imports.importFile(id, fileType, name, temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Every rejected row of every file of the campaign, as CSV (file, line, key, reason), streamed from a cursor:
     * memory stays bounded however many rows there are, and a failure half-way breaks the transfer off
     * ({@link CsvDownloads}).
     */
    @GetMapping(value = "/{id}/rejected-rows.csv", produces = "text/csv")
    public void rejectedRows(@PathVariable long id, HttpServletResponse response) throws IOException {
        campaigns.get(id);
        downloads.send(response, "rejected-rows-" + id + ".csv", "rejected rows of campaign " + id,
                RejectedRows.HEADER, rows -> rejectedRows.write(id, rows));
    }

    /** Leaked records that match nobody: listed for the process manager, no personal data beyond lab ids. */
    @GetMapping("/{id}/unlinked-records")
    public List<Map<String, Object>> unlinkedRecords(@PathVariable long id) {
        campaigns.get(id);
        return jdbc.queryForList("""
                select dataset, lab_record_id, bsn is not null has_bsn, birth_date is not null has_birth_date
                from leaked_record where campaign_id = ? and match_status = 'UNLINKED' order by dataset, lab_record_id
                limit 10000""", id);
    }

    @ExceptionHandler(CampaignNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(CampaignNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }
}
