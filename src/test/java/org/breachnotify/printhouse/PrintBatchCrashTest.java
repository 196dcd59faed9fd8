package org.breachnotify.printhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.intake.FileType;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whatever moment a crash hits while a print batch is written, the next round leaves a published batch whose files
 * and database record agree: letters, pages and sheets as in the job ticket, every letter's content hash kept.
 * Each test sets up the files and rows exactly as a process killed at that moment leaves them.
 */
@ProcessTestContext
class PrintBatchCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CampaignFixture fixture;
    @Autowired
    PrintBatchService batches;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${breachnotify.export-dir}")
    Path exportDir;

    private Campaign campaign;
    private String batchId;
    private Map<String, String> hashes;

    /** A delivered batch of three letters, as a round without a crash leaves it. */
    @BeforeEach
    void aBatchWrittenWithoutACrash() {
        campaign = fixture.newCampaign();
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(71), "Bakker", "1961-01-02", "1012 AB", "false", null),
                participant("P-2", TestBsn.valid(72), "de Wit", "1962-02-03", "2500 GG", "false", null),
                participant("P-3", TestBsn.valid(73), "Öztürk", "1963-03-04", "9711 LM", "true", null));
        fixture.matchAndStartJourneys(campaign);
        List<String> delivered = batches.cutAndDeliver(fixture.campaign(campaign.id()));
        assertThat(delivered).hasSize(1);
        batchId = delivered.get(0);
        hashes = contentHashes();
        assertThat(hashes).hasSize(3).doesNotContainValue(null);
    }

    @Test
    void aBatchPublishedButNotRecordedWhenTheProcessDiedIsRecordedFromItsFiles() throws IOException {
        // killed between the job ticket's rename and the commit that records the batch (the order before the fix)
        forgetRecord();
        byte[] published = Files.readAllBytes(batchDir().resolve(batchId + ".pdf"));

        batches.cutAndDeliver(fixture.campaign(campaign.id()));

        assertAgrees();
        assertThat(Files.readAllBytes(batchDir().resolve(batchId + ".pdf"))).as("the published file stays")
                .isEqualTo(published);
    }

    @Test
    void aBatchRecordedButNotYetMovedIntoPlaceIsPublishedByTheNextRound() throws IOException {
        // killed after recording, before the folder's rename: the files wait under their hidden name
        unpublish();
        Files.move(batchDir(), exportDir.resolve(".partial-" + batchId));
        assertThat(visibleBatches()).doesNotContain(batchId);

        batches.cutAndDeliver(fixture.campaign(campaign.id()));

        assertAgrees();
        assertThat(exportDir.resolve(".partial-" + batchId)).doesNotExist();
    }

    @Test
    void aBatchWhoseFolderIsInPlaceButNotItsJobTicketGetsItsJobTicket() throws IOException {
        // killed after the folder's rename, before the job ticket's
        unpublish();

        batches.cutAndDeliver(fixture.campaign(campaign.id()));

        assertAgrees();
    }

    @Test
    void aBatchClaimedButNotRecordedIsDrawnAgainFromTheStart() throws IOException {
        // killed while drawing: half a print file in the hidden folder, nothing recorded, nothing published
        forgetRecord();
        Path partial = Files.move(batchDir(), exportDir.resolve(".partial-" + batchId));
        Files.delete(partial.resolve(batchId + ".json"));
        Files.write(partial.resolve(batchId + ".pdf"), new byte[] {'%', 'P', 'D', 'F'});

        batches.cutAndDeliver(fixture.campaign(campaign.id()));

        assertAgrees();
        assertThat(partial).doesNotExist();
    }

    /** The database as before the batch was recorded: claimed, nothing drawn. */
    private void forgetRecord() {
        jdbc.update("update print_batch set letters = 0, pages = 0, sheets = 0, status = 'WRITING' where id = ?",
                batchId);
        jdbc.update("update letter set content_sha256 = null, rendered_at = null where batch_id = ?", batchId);
    }

    /** Status WRITTEN and the job ticket back under its temporary name: the files are out, the ticket not yet. */
    private void unpublish() throws IOException {
        jdbc.update("update print_batch set status = 'WRITTEN' where id = ?", batchId);
        Files.move(batchDir().resolve(batchId + ".json"), batchDir().resolve(".tmp-" + batchId + ".json"));
    }

    /** The published batch and the database say the same: counts, letters, hashes, checksums. */
    private void assertAgrees() throws IOException {
        Path dir = batchDir();
        JsonNode ticket = JSON.readTree(dir.resolve(batchId + ".json").toFile());
        Map<String, Object> row = jdbc.queryForMap(
                "select letters, pages, sheets, status from print_batch where id = ?", batchId);
        assertThat(row.get("status")).as("status").isIn("NOTIFYING", "DELIVERED");
        assertThat(row.get("letters")).isEqualTo(ticket.get("letters").asInt()).isEqualTo(3);
        assertThat(row.get("pages")).isEqualTo(ticket.get("pages").asInt()).isNotEqualTo(0);
        assertThat(row.get("sheets")).isEqualTo(ticket.get("sheets").asInt()).isNotEqualTo(0);
        assertThat(contentHashes()).as("each letter's content hash").isEqualTo(hashes);
        List<String> manifest = Files.readAllLines(dir.resolve(batchId + ".csv"));
        assertThat(manifest).hasSize(4);
        hashes.keySet().forEach(letter -> assertThat(manifest).anyMatch(line -> line.contains("," + letter + ",")));
        for (String line : Files.readAllLines(dir.resolve(batchId + ".sha256"))) {
            String[] parts = line.split("  ");
            assertThat(PrintBatchService.sha256(dir.resolve(parts[1]))).as(parts[1]).isEqualTo(parts[0]);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(batchId + ".pdf",
                    batchId + ".csv", batchId + ".sha256", batchId + ".json");
        }
        assertThat(visibleBatches()).containsOnlyOnce(batchId);
    }

    private Map<String, String> contentHashes() {
        Map<String, String> byLetter = new HashMap<>();
        jdbc.query("select id, content_sha256 from letter where batch_id = ?",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> byLetter.put(rs.getString(1), rs.getString(2)),
                batchId);
        return byLetter;
    }

    private Path batchDir() {
        return exportDir.resolve(batchId);
    }

    private List<String> visibleBatches() throws IOException {
        try (Stream<Path> dirs = Files.list(exportDir)) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        }
    }
}
