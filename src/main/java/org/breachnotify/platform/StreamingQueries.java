package org.breachnotify.platform;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queries whose result may be far larger than memory (every rejected row of a campaign), read through a database
 * cursor: PostgreSQL's driver fetches {@link #FETCH_SIZE} rows at a time only when the statement has a fetch size and
 * runs inside a transaction (with autocommit on it reads the whole result into memory first). So each call runs in a
 * read-only transaction of its own and hands the rows on one by one as they arrive.
 */
@Component
public class StreamingQueries {
    /** Rows held in memory at once, whatever the size of the result. */
    public static final int FETCH_SIZE = 1_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public StreamingQueries(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        // Never inside a caller's transaction: the cursor needs one of its own, and holds it only while rows flow.
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Hands every row of the query to {@code handler} as it is fetched; at most {@link #FETCH_SIZE} rows in memory. */
    public void forEachRow(String sql, RowCallbackHandler handler, Object... args) {
        readOnly.executeWithoutResult(status -> jdbc.query(sql, handler, args));
    }
}
