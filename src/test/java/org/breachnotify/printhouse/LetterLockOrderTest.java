package org.breachnotify.printhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.participant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.ImportResult;
import org.breachnotify.letter.LetterRenderer;
import org.breachnotify.letter.LetterService;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whatever changes many letters in one transaction (a print house's file, a print batch recording its letters' hashes)
 * locks them in the order the engine-command relay does (letter id), so they wait for each other but never deadlock.
 * In the two-node runs a dispatch confirmation and a batch's recording (both in postal order) deadlocked with the relay
 * recording the journeys of the same letters; three failures in a row would have stopped the campaign with an incident.
 * Here a transaction standing in for the relay locks the first letter, the other side meets the letters the other way
 * round, and the stand-in then wants the second letter too.
 */
@ProcessTestContext
class LetterLockOrderTest {
    @Autowired
    CampaignFixture fixture;
    @Autowired
    PrintBatchService batches;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LetterService letterService;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aDispatchConfirmationAndTheRelayNeverDeadlock() throws Exception {
        Campaign campaign = campaignWithTwoPeople("D");
        batches.cutAndDeliver(fixture.campaign(campaign.id()));
        List<String> letters = lettersOf(campaign);

        ImportResult result = whileTheRelayHoldsTheFirstLetter(letters, () -> fixture.importCsv(campaign,
                FileType.DISPATCH_CONFIRMATION, "dispatch-confirmation-lock-order.csv", "letter_id,status,date,reason",
                letters.get(1) + ",POSTED,2025-09-12,", letters.get(0) + ",POSTED,2025-09-12,"));

        assertThat(result.accepted()).as("rejections: %s", result.firstRejections()).isEqualTo(2);
        assertThat(letters).allSatisfy(id -> assertThat(fixture.letterStatus(id)).isEqualTo("POSTED"));
    }

    @Test
    void aReturnMailFileAndTheRelayNeverDeadlock() throws Exception {
        Campaign campaign = campaignWithTwoPeople("R");
        fixture.postAll(campaign);
        List<String> letters = lettersOf(campaign);

        ImportResult result = whileTheRelayHoldsTheFirstLetter(letters, () -> fixture.importCsv(campaign,
                FileType.RETURN_MAIL, "return-mail-lock-order.csv", "letter_id,reason,date",
                letters.get(1) + ",ADDRESS_UNKNOWN,2025-09-20", letters.get(0) + ",ADDRESS_UNKNOWN,2025-09-20"));

        assertThat(result.accepted()).as("rejections: %s", result.firstRejections()).isEqualTo(2);
        assertThat(letters).allSatisfy(id -> assertThat(fixture.letterStatus(id)).isEqualTo("RETURNED"));
    }

    @Test
    void aPrintBatchRecordingItsLettersAndTheRelayNeverDeadlock() throws Exception {
        Campaign campaign = campaignWithTwoPeople("B");
        batches.cutAndDeliver(fixture.campaign(campaign.id()));
        List<String> letters = lettersOf(campaign);
        TransactionTemplate tx = new TransactionTemplate(transactions);

        int recorded = whileTheRelayHoldsTheFirstLetter(letters, () -> tx.execute(status -> {
            letterService.recordRendered(List.of(new LetterRenderer.LetterResult(letters.get(1), 2, 3, "b".repeat(64)),
                    new LetterRenderer.LetterResult(letters.get(0), 2, 1, "a".repeat(64))));
            return 2;
        }));

        assertThat(recorded).isEqualTo(2);
        assertThat(jdbc.queryForList("select content_sha256 from letter where id = any(?) order by id", String.class,
                (Object) letters.toArray(String[]::new))).containsExactly("a".repeat(64), "b".repeat(64));
    }

    private Campaign campaignWithTwoPeople(String prefix) {
        Campaign campaign = fixture.newCampaign();
        fixture.register(campaign,
                participant(prefix + "-1", TestBsn.valid(91), "Visser", "1980-02-01", "1234 AB", "true", null),
                participant(prefix + "-2", TestBsn.valid(92), "Visser", "1980-02-02", "1234 AB", "true", null));
        fixture.matchAndStartJourneys(campaign);
        return campaign;
    }

    private List<String> lettersOf(Campaign campaign) {
        List<String> letters = jdbc.queryForList("select id from letter where campaign_id = ? order by id",
                String.class, campaign.id());
        assertThat(letters).hasSize(2);
        return letters;
    }

    /**
     * Locks the first letter as the relay would, runs {@code work} on another thread, waits until it waits for that
     * lock, then locks the second letter as well: with {@code work} holding it, that is a deadlock.
     */
    private <T> T whileTheRelayHoldsTheFirstLetter(List<String> letters, Supplier<T> work) throws Exception {
        CompletableFuture<T> done;
        try (Connection relay = dataSource.getConnection()) {
            relay.setAutoCommit(false);
            relay.createStatement().execute("set local lock_timeout = '10s'");
            touch(relay, letters.get(0));
            done = CompletableFuture.supplyAsync(work);
            awaitWaitingForALock(done);
            touch(relay, letters.get(1)); // throws "deadlock detected" when the other side holds it
            relay.commit();
        }
        return done.get(30, TimeUnit.SECONDS);
    }

    private static void touch(Connection connection, String letterId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update letter set journey_instance_id = journey_instance_id where id = ?")) {
            update.setString(1, letterId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private void awaitWaitingForALock(CompletableFuture<?> work) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            assertThat(work.isDone()).as("the other side cannot finish while a letter is locked").isFalse();
            Integer waiting = jdbc.queryForObject("""
                    select count(*) from pg_stat_activity
                    where wait_event_type = 'Lock' and query like '%letter%' and pid <> pg_backend_pid()""",
                    Integer.class);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the other side never waited for the locked letter");
    }
}
