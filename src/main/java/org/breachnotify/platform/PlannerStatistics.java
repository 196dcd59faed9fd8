package org.breachnotify.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refreshes PostgreSQL's planner statistics of a table right after a bulk change, instead of waiting for autovacuum.
 * Statistics taken just before the change (an empty table, a column no one had set yet) make the next statements
 * plan a scan per row: matching a million leaked records as a nested loop, or starting journeys with a scan of every
 * person per person started (53 s for the first 5,000 of a 100,000-person demo).
 */
@Component
public class PlannerStatistics {
    /** A change of fewer rows than this leaves the statistics to autovacuum. */
    public static final long REFRESH_AFTER_ROWS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private final JdbcTemplate jdbc;

    public PlannerStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs {@code ANALYZE} on {@code table} (one of our own tables, named in code, never from input) when
     * {@code rowsChanged} is at least {@link #REFRESH_AFTER_ROWS}; {@code why} ends the log line ("rows imported").
     */
    public void refreshAfter(String table, long rowsChanged, String why) {
        if (rowsChanged < REFRESH_AFTER_ROWS) {
            return;
        }
        long t0 = System.nanoTime();
        jdbc.execute("analyze " + table);
        log.info("Statistics of {} refreshed after {} {} ({} ms)", table, rowsChanged, why,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
