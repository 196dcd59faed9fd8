package org.breachnotify.engine;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.breachnotify.platform.CrashPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Executes queued engine commands: a chunk per transaction (the engine joins the same transaction, so the
 * engine's change and the row's "done" commit together, exactly once). A chunk that fails is retried row by row so
 * one bad row cannot hold up the others; a row that keeps failing is parked and shows in the campaign report.
 * Rows are claimed with SKIP LOCKED, so several nodes share the work.
 */
@Component
public class EngineCommandRelay {
    static final int MAX_ATTEMPTS = 10;
    private static final Logger log = LoggerFactory.getLogger(EngineCommandRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ProcessEngineAdapter engine;
    private final CrashPoints crashPoints;
    private final int chunkSize;
    private final boolean relayEnabled;
    private final int workers;
    private final ExecutorService pool;
    private volatile boolean stopping;

    public EngineCommandRelay(JdbcTemplate jdbc, TransactionTemplate tx, ProcessEngineAdapter engine,
                              @Value("${breachnotify.engine-commands.chunk-size}") int chunkSize,
                              @Value("${breachnotify.engine-commands.relay-enabled}") boolean relayEnabled,
                              @Value("${breachnotify.engine-commands.workers:2}") int workers,
                              CrashPoints crashPoints) {
        this.relayEnabled = relayEnabled;
        this.workers = Math.max(1, workers);
        this.pool = Executors.newFixedThreadPool(this.workers, runnable -> {
            Thread thread = new Thread(runnable, "engine-command-relay");
            thread.setDaemon(true);
            return thread;
        });
        this.jdbc = jdbc;
        this.tx = tx;
        this.engine = engine;
        this.crashPoints = crashPoints;
        this.chunkSize = chunkSize;
    }

    @Scheduled(fixedDelayString = "${breachnotify.engine-commands.poll-interval}")
    public void relayPending() {
        if (!relayEnabled) {
            return; // tests drive the relay themselves
        }
        // Workers split the rows by target (person or review), so one person's commands keep their order.
        CompletableFuture.allOf(IntStream.range(0, workers)
                .mapToObj(w -> CompletableFuture.runAsync(() -> relayAll(new Slice(w, workers)), pool))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** Relays everything due, on the calling thread, until the backlog is shorter than a chunk. */
    public void relayAll() {
        relayAll(Slice.ALL);
    }

    private void relayAll(Slice slice) {
        while (!stopping && relayChunk(slice) == chunkSize) {
            // keep going while there is a full backlog
        }
    }

    /** The rows a worker owns: those whose target id is {@code index} modulo {@code of}. */
    private record Slice(int index, int of) {
        static final Slice ALL = new Slice(0, 1);
    }

    /** Lets a long backlog loop end, so shutting down does not wait for it. */
    @EventListener(ContextClosedEvent.class)
    public void stop() {
        stopping = true;
    }

    /** Relays one chunk; answers how many rows it handled (successfully or not). */
    private int relayChunk(Slice slice) {
        try {
            Integer done = tx.execute(status -> {
                List<Command> chunk = claim(null, slice);
                chunk.forEach(this::execute);
                markDone(chunk);
                return chunk.size();
            });
            return done == null ? 0 : done;
        } catch (RuntimeException chunkFailure) {
            log.debug("Chunk failed, retrying row by row", chunkFailure);
            return relayOneByOne(slice);
        }
    }

    private int relayOneByOne(Slice slice) {
        List<Long> ids = jdbc.queryForList("""
                select id from engine_command where done_at is null and next_attempt_at <= now() and attempts < ?
                  and mod(target_id, ?) = ?
                order by id limit ?""", Long.class, MAX_ATTEMPTS, slice.of(), slice.index(), chunkSize);
        for (Long id : ids) {
            try {
                tx.executeWithoutResult(status -> {
                    List<Command> one = claim(id, Slice.ALL);
                    one.forEach(this::execute);
                    markDone(one);
                });
            } catch (RuntimeException e) {
                recordFailure(id, e);
            }
        }
        return ids.size();
    }

    /**
     * The oldest open commands of a slice (parameters: max attempts, only id or null twice, slices, slice index,
     * limit). The partial index {@code engine_command_open_by_id} keeps its cost constant however many commands are
     * done or pending: it walks the open rows in id order and stops after the chunk (ADR 0009).
     */
    static final String CLAIM = """
            select id, kind, campaign_id, target_id, letter_id, reason from engine_command
            where done_at is null and next_attempt_at <= now() and attempts < ?
              and (cast(? as bigint) is null or id = ?) and mod(target_id, ?) = ?
            order by id limit ? for update skip locked""";

    private List<Command> claim(Long onlyId, Slice slice) {
        return jdbc.query(CLAIM, (rs, i) -> new Command(rs.getLong(1),
                EngineCommandKind.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4), rs.getString(5),
                rs.getString(6)), MAX_ATTEMPTS, onlyId, onlyId, slice.of(), slice.index(), chunkSize);
    }

    private void execute(Command c) {
        switch (c.kind) {
            case START_JOURNEY -> engine.startJourney(c.targetId, c.campaignId, c.reason, false);
            case START_CORRECTIVE_JOURNEY -> engine.startJourney(c.targetId, c.campaignId, c.reason, true);
            case START_REVIEW -> engine.startReview(c.targetId, c.campaignId);
            case LETTER_POSTED -> {
                engine.correlateToLetter(ProcessModels.MSG_LETTER_POSTED, c.targetId, c.letterId, Map.of());
                crashPoints.reached(CrashPoints.Point.MID_CORRELATION);
            }
            case LETTER_RETURNED -> {
                engine.correlateToLetter(ProcessModels.MSG_LETTER_RETURNED, c.targetId, c.letterId,
                        Map.of(ProcessVariables.RETURN_REASON.name(), c.reason));
                crashPoints.reached(CrashPoints.Point.MID_CORRELATION);
            }
        }
    }

    private void markDone(List<Command> chunk) {
        jdbc.batchUpdate("update engine_command set done_at = now() where id = ?", chunk, 500,
                (ps, c) -> ps.setLong(1, c.id));
    }

    private void recordFailure(long id, RuntimeException e) {
        Integer attempts = jdbc.queryForObject("select attempts + 1 from engine_command where id = ?", Integer.class, id);
        int n = attempts == null ? MAX_ATTEMPTS : attempts;
        // Back off: a message may simply have arrived before its journey reached the waiting point.
        Instant next = Instant.now().plusSeconds(Math.min(600, 5L << Math.min(n, 7)));
        jdbc.update("update engine_command set attempts = ?, last_error = ?, next_attempt_at = ? where id = ?",
                n, String.valueOf(e.getMessage()), Timestamp.from(next), id);
        if (n >= MAX_ATTEMPTS) {
            log.warn("Engine command {} parked after {} attempts: {}", id, n, e.getMessage());
        }
    }

    private record Command(long id, EngineCommandKind kind, long campaignId, long targetId, String letterId,
                           String reason) {
    }
}
