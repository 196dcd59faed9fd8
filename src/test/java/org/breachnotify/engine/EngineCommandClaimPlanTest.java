package org.breachnotify.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.breachnotify.campaign.Campaign;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay's claim reads the chunk it returns, not the commands already done: with 200,000 done and 100,000 open
 * commands, PostgreSQL plans it on the open rows' index and looks at about two rows per row claimed (two slices).
 */
@ProcessTestContext
class EngineCommandClaimPlanTest {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CampaignFixture fixture;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void theClaimWalksOnlyOpenCommandsInIdOrder() {
        Campaign campaign = fixture.newCampaign();
        // inside one transaction that is rolled back: no relay sees these commands (ANALYZE counts the
        // transaction's own rows)
        List<String> plan = transactions.execute(tx -> {
            tx.setRollbackOnly();
            jdbc.update("""
                    insert into engine_command (kind, campaign_id, target_id, done_at)
                    select 'START_JOURNEY', ?, g, now() from generate_series(1, 200000) g""", campaign.id());
            jdbc.update("""
                    insert into engine_command (kind, campaign_id, target_id)
                    select 'LETTER_POSTED', ?, g from generate_series(1, 100000) g""", campaign.id());
            jdbc.execute("analyze engine_command");
            return jdbc.queryForList("explain (analyze, costs off) " + EngineCommandRelay.CLAIM.replace("?", "%s")
                    .formatted(EngineCommandRelay.MAX_ATTEMPTS, "null", "null", 2, 0, 0, 200), String.class);
        });
        String text = String.join("\n", plan);
        assertThat(text).contains("Index Scan using engine_command_open_by_id").contains("rows=200 loops=1");
        long passedOver = plan.stream().filter(line -> line.contains("Rows Removed by Filter"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).sum();
        assertThat(passedOver).as("rows looked at and passed over\n%s", text).isLessThan(1_000);
    }

    /**
     * Rows marked done stay in the open-rows index until vacuum, and while any transaction that could still see them
     * runs, every scan visits them again. The relay's keyset mark starts the claim past the rows its loop has
     * already done; without it a claim walked past all of them. Here the transaction that marks them done is the
     * one still running.
     */
    @Test
    void aClaimPastItsMarkDoesNotWalkTheRowsDoneBehindIt() {
        Campaign campaign = fixture.newCampaign();
        long[] buffers = transactions.execute(tx -> {
            tx.setRollbackOnly();
            jdbc.update("""
                    insert into engine_command (kind, campaign_id, target_id)
                    select 'LETTER_POSTED', ?, g from generate_series(1, 100000) g""", campaign.id());
            jdbc.execute("analyze engine_command");
            long mark = jdbc.queryForObject("""
                    with done as (update engine_command set done_at = now()
                                  where campaign_id = ? and target_id <= 99000 returning id)
                    select max(id) from done""", Long.class, campaign.id());
            return new long[] {claimBuffers(0), claimBuffers(mark)};
        });
        assertThat(buffers[1]).as("buffers read by a claim past the mark: about one per row claimed").isLessThan(500);
        // 3,484 against 209 when this test was written
        assertThat(buffers[0]).as("buffers read by a claim from the start").isGreaterThan(10 * buffers[1]);
    }

    private long claimBuffers(long mark) {
        String top = jdbc.queryForList("explain (analyze, buffers, costs off) " + EngineCommandRelay.CLAIM
                .replace("?", "%s").formatted(EngineCommandRelay.MAX_ATTEMPTS, "null", "null", 2, 0, mark, 200),
                String.class).stream().filter(line -> line.contains("Buffers:")).findFirst().orElseThrow();
        return java.util.regex.Pattern.compile("\\d+").matcher(top).results()
                .mapToLong(m -> Long.parseLong(m.group())).sum();
    }

    /**
     * Autovacuum's statistics may come from a moment when the table was empty or every command was done: the planner
     * then expects one open command, and any index on the open rows looks as good as another. With an index on the
     * open rows by campaign, it scanned that one, read every open command and sorted them by id: 15-20 ms a claim with
     * 100,000 open in the benchmark, instead of reading one chunk; with that index gone, a bitmap scan of the open
     * rows' index and a sort. The claim is planned without a sort, so it walks the open rows by id whatever the
     * statistics say, also as the generic plan of a prepared statement.
     */
    @Test
    void theClaimWalksTheOpenRowsByIdEvenWithStatisticsFromAnEmptyTable() {
        Campaign campaign = fixture.newCampaign();
        List<String> plan = transactions.execute(tx -> {
            tx.setRollbackOnly();
            jdbc.update("delete from engine_command");
            jdbc.execute("analyze engine_command");
            jdbc.update("""
                    insert into engine_command (kind, campaign_id, target_id)
                    select 'LETTER_POSTED', ?, g from generate_series(1, 100000) g""", campaign.id());
            int n = 0;
            String numbered = EngineCommandRelay.CLAIM;
            while (numbered.contains("?")) {
                numbered = numbered.replaceFirst("\\?", "\\$" + (++n));
            }
            jdbc.execute("prepare claim_plan (int, bigint, bigint, int, int, bigint, int) as " + numbered);
            jdbc.queryForObject(EngineCommandRelay.PLAN_WITHOUT_SORT, String.class);
            for (int i = 0; i < 8; i++) {
                jdbc.queryForList("execute claim_plan (10, null, null, 2, " + (i % 2) + ", 0, 200)");
            }
            List<String> lines = jdbc.queryForList(
                    "explain (analyze, buffers, costs off) execute claim_plan (10, null, null, 2, 0, 0, 200)",
                    String.class);
            jdbc.queryForObject(EngineCommandRelay.PLAN_WITH_SORT, String.class);
            jdbc.execute("deallocate claim_plan");
            return lines;
        });
        String text = String.join("\n", plan);
        assertThat(text).contains("Index Scan using engine_command_open_by_id").doesNotContain("Sort");
    }
}
