package org.breachnotify.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.breachnotify.intake.FileType;
import org.breachnotify.review.ReviewService;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two reviews that hold the same people, decided at the same moment by two members of staff: the people are
 * released by whichever decision comes last, never left held by both thinking the other is still open.
 */
@ProcessTestContext
class ConcurrentReviewDecisionsTest {
    @Autowired
    CampaignFixture fixture;
    @Autowired
    ReviewService reviews;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void twoReviewsOfTheSamePeopleDecidedAtOnceReleaseThem() throws Exception {
        Campaign campaign = fixture.newCampaign();
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(21), "de Vries", "1975-11-02", "3511 AX", "false", null),
                participant("P-2", TestBsn.valid(22), "De Vries", "1975-11-02", "9711 AA", "false", null));
        fixture.importCsv(campaign, FileType.LEAKED_RECORDS, "leaked-records.csv",
                "dataset,lab_record_id,bsn,surname,birth_date,postcode",
                "1,CD1-9,,DEVRIES,1975-11-02,", "2,CD2-9,,DE VRIES,1975-11-02,");
        fixture.matchAndStartJourneys(campaign);
        List<Long> open = reviews.openReviewIds(campaign.id(), 10);
        assertThat(open).hasSize(2);

        CountDownLatch firstDecided = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            reviews.decide(open.get(0), ReviewService.DISMISS, null);
            firstDecided.countDown();
            await(secondStarted);   // the first decision is not committed while the second one runs
            sleepBriefly();
        }));
        assertThat(firstDecided.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            secondStarted.countDown();
            reviews.decide(open.get(1), ReviewService.DISMISS, null);
        });
        first.get(60, TimeUnit.SECONDS);
        second.get(60, TimeUnit.SECONDS);

        assertThat(jdbc.queryForList("select stage from person where campaign_id = ? order by participant_id",
                String.class, campaign.id())).containsExactly("RELEASED", "RELEASED");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Gives the second decision time to reach the people it would release (no outcome depends on it). */
    private static void sleepBriefly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
