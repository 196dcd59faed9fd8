package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.campaign.CampaignService;
import org.breachnotify.printhouse.PrintBatchService;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A file claimed from the inbox whose importer died (a kill, a crash, a node gone) is imported by a later round, on
 * this node at once after a restart, on any node once the claim's lease has run out; a live claim is left alone.
 */
@ProcessTestContext
class InboxCrashRecoveryTest {
    @Autowired
    CampaignFixture fixture;
    @Autowired
    CampaignService campaigns;
    @Autowired
    InboxService inbox;
    @Autowired
    PrintBatchService batches;
    @Autowired
    InboxClaims claims;
    @Autowired
    JdbcTemplate jdbc;

    private Campaign campaign;
    private Path inboxDir;
    private String letter;

    /** One person whose letter is with the print house, as in the incident: "exported", waiting for confirmation. */
    @BeforeEach
    void aLetterWithThePrintHouse() {
        campaign = fixture.newCampaign();
        inboxDir = campaigns.inboxOf(campaign);
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(61), "Visser", "1971-03-04", "1012 AB", "false", null));
        fixture.matchAndStartJourneys(campaign);
        assertThat(batches.cutAndDeliver(fixture.campaign(campaign.id()))).hasSize(1);
        letter = fixture.currentLetterOf(fixture.personId(campaign, "P-1"));
        assertThat(fixture.letterStatus(letter)).isEqualTo("EXPORTED");
    }

    @Test
    void aConfirmationLeftClaimedByAProcessThatDiedIsImportedByTheNextRound() throws IOException {
        Path stranded = claimedConfirmation();   // as a run killed during its import leaves it, with no claim record

        List<ImportResult> results = inbox.importNewFiles(campaign.id(), inboxDir);

        assertThat(results).extracting(ImportResult::accepted).containsExactly(1L);
        assertThat(fixture.letterStatus(letter)).isEqualTo("POSTED");
        assertThat(stranded).doesNotExist();
        assertThat(filesIn(inboxDir.resolve("processed"))).hasSize(1);
        assertThat(inbox.waiting(inboxDir)).isZero();
    }

    @Test
    void aClaimOfAnEarlierRunOfThisNodeIsTakenBackAtOnceAfterARestart() throws IOException {
        Path stranded = claimedConfirmation();
        claim("dispatch-confirmation-1.csv", ProcessTestContext.NODE_NAME, "an-earlier-run", "interval '2 minutes'");

        inbox.importNewFiles(campaign.id(), inboxDir);

        assertThat(fixture.letterStatus(letter)).isEqualTo("POSTED");
        assertThat(stranded).doesNotExist();
        assertThat(claims()).isZero();
    }

    @Test
    void aLiveClaimOfAnotherNodeIsLeftAloneAndTakenOverOnceItsLeaseHasRunOut() throws IOException {
        Path claimed = claimedConfirmation();
        claim("dispatch-confirmation-1.csv", "node-b", "its-run", "interval '2 minutes'");

        assertThat(inbox.importNewFiles(campaign.id(), inboxDir)).isEmpty();
        assertThat(claimed).exists();
        assertThat(fixture.letterStatus(letter)).isEqualTo("EXPORTED");
        assertThat(inbox.waiting(inboxDir)).as("the campaign is not done while a file is being imported").isEqualTo(1);

        jdbc.update("update inbox_claim set lease_until = now() - interval '1 second' where campaign_id = ?",
                campaign.id());
        inbox.importNewFiles(campaign.id(), inboxDir);

        assertThat(fixture.letterStatus(letter)).isEqualTo("POSTED");
        assertThat(claimed).doesNotExist();
        assertThat(claims()).isZero();
    }

    @Test
    void aNewFileWhoseNameAnotherNodeHoldsWaitsAndALeftClaimedOneIsImportedOnceOnly() throws IOException {
        claim("dispatch-confirmation-1.csv", "node-b", "its-run", "interval '2 minutes'");
        Path waiting = Files.writeString(Files.createDirectories(inboxDir).resolve("dispatch-confirmation-1.csv"),
                confirmation());

        assertThat(inbox.importNewFiles(campaign.id(), inboxDir)).isEmpty();
        assertThat(waiting).exists();

        // node-b dies after moving the file; the copy dropped again waits behind it and changes nothing
        Files.move(waiting, Files.createDirectories(inboxDir.resolve(".processing")).resolve(waiting.getFileName()));
        Files.writeString(waiting, confirmation());
        jdbc.update("update inbox_claim set lease_until = now() - interval '1 second' where campaign_id = ?",
                campaign.id());
        List<ImportResult> results = inbox.importNewFiles(campaign.id(), inboxDir);

        assertThat(results).hasSize(2);
        assertThat(results.get(0).accepted()).isEqualTo(1);
        assertThat(results.get(1).alreadyImported()).isTrue();
        assertThat(jdbc.queryForObject(
                "select count(*) from engine_command where letter_id = ? and kind = 'LETTER_POSTED'", Long.class,
                letter)).isEqualTo(1);
        assertThat(inbox.waiting(inboxDir)).isZero();
        assertThat(claims()).isZero();
    }

    /**
     * Found by the crash test: killed after the file went to {@code processed/} and before the claim was given up,
     * a run left a claim that no file names. The next round removes the stale ones; a live claim stays.
     */
    @Test
    void aStaleClaimWhoseFileWasSettledIsRemovedAndALiveOneIsKept() throws IOException {
        claim("dispatch-confirmation-1.csv", claims.node(), "an-earlier-run", "interval '2 minutes'");
        claim("dispatch-confirmation-2.csv", "node-b", "its-run", "interval '-1 second'");
        claim("dispatch-confirmation-3.csv", "node-b", "its-run", "interval '2 minutes'");
        claim("dispatch-confirmation-4.csv", "node-b", "its-run", "interval '-1 second'");
        Path stranded = Files.writeString(Files.createDirectories(inboxDir.resolve(".processing"))
                .resolve("dispatch-confirmation-4.csv"), confirmation());

        inbox.importNewFiles(campaign.id(), inboxDir);

        assertThat(jdbc.queryForList("select file_name from inbox_claim where campaign_id = ?", String.class,
                campaign.id())).as("only node-b's live claim is left").containsExactly("dispatch-confirmation-3.csv");
        assertThat(stranded).as("the stale claim whose file was still there was taken over and imported")
                .doesNotExist();
        assertThat(fixture.letterStatus(letter)).isEqualTo("POSTED");
    }

    @Test
    void aClaimIsKeptAliveWhileItsImportRunsAndLapsesOnceItIsGivenUp() {
        assertThat(claims.claim(campaign.id(), "participants-long.csv")).isTrue();
        assertThat(claims.claim(campaign.id(), "participants-long.csv")).as("held, so not claimed twice").isFalse();
        jdbc.update("update inbox_claim set lease_until = now() + interval '1 second' where campaign_id = ?",
                campaign.id());

        claims.renew();

        assertThat(jdbc.queryForObject("select lease_until > now() + interval '1 minute' from inbox_claim"
                + " where campaign_id = ?", Boolean.class, campaign.id())).isTrue();
        claims.release(campaign.id(), "participants-long.csv");
        assertThat(claims()).isZero();
    }

    private Path claimedConfirmation() throws IOException {
        Path processing = Files.createDirectories(inboxDir.resolve(".processing"));
        return Files.writeString(processing.resolve("dispatch-confirmation-1.csv"), confirmation());
    }

    private String confirmation() {
        return "letter_id,status,date,reason\n" + letter + ",POSTED,2025-09-12,\n";
    }

    private void claim(String fileName, String node, String runId, String lease) {
        jdbc.update("insert into inbox_claim (campaign_id, file_name, node, run_id, lease_until)"
                + " values (?, ?, ?, ?, now() + " + lease + ")", campaign.id(), fileName, node, runId);
    }

    private long claims() {
        return jdbc.queryForObject("select count(*) from inbox_claim where campaign_id = ?", Long.class, campaign.id());
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
