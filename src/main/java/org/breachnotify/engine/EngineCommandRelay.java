package org.breachnotify.engine;

import java.sql.Timestamp;
import java.time.Instant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.breachnotify.journey.Journeys;
import org.breachnotify.platform.CrashPoints;
import org.breachnotify.register.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Executes queued engine commands: a chunk per transaction and per engine command (the engine joins the same
 * transaction, so the engine's change and the row's "done" commit together, exactly once, and one flush carries the
 * whole chunk: ADR 10). Journeys are addressed by their process instance id, which the letter records. A chunk that
 * fails is retried row by row so one bad row cannot hold up the others; a row that keeps failing is parked and
 * shows in the campaign report. Rows are claimed with SKIP LOCKED, so several nodes share the work.
 */
@Component
public class EngineCommandRelay {
    static final int MAX_ATTEMPTS = 10;
    public static final String DONE_METRIC = "breachnotify.engine.commands.done";
    private static final Logger log = LoggerFactory.getLogger(EngineCommandRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ProcessEngineAdapter engine;
    private final JourneyKeys journeyKeys;
    private final Journeys journeys;
    private final CrashPoints crashPoints;
    private final int chunkSize;
    private final boolean relayEnabled;
    private final int workers;
    private final ExecutorService pool;
    private volatile boolean stopping;
    private final Map<EngineCommandKind, Counter> doneCounters = new EnumMap<>(EngineCommandKind.class);

    public EngineCommandRelay(JdbcTemplate jdbc, TransactionTemplate tx, ProcessEngineAdapter engine,
                              JourneyKeys journeyKeys, Journeys journeys,
                              @Value("${breachnotify.engine-commands.chunk-size}") int chunkSize,
                              @Value("${breachnotify.engine-commands.relay-enabled}") boolean relayEnabled,
                              @Value("${breachnotify.engine-commands.workers:2}") int workers,
                              CrashPoints crashPoints, MeterRegistry meters) {
        for (EngineCommandKind kind : EngineCommandKind.values()) {
            doneCounters.put(kind, Counter.builder(DONE_METRIC).tag("kind", kind.name())
                    .description("engine commands executed and committed by this node").register(meters));
        }
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
        this.journeyKeys = journeyKeys;
        this.journeys = journeys;
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

    /**
     * Keeps going while there is a full backlog. Each claim starts past the rows this loop claimed before (a keyset
     * mark): the rows it marked done stay in the open-rows index as dead entries until vacuum, and while other
     * transactions are running PostgreSQL cannot skip them, so a claim from the start walked past every row done
     * since (29 ms a claim at 100,000 people, against 0.3 ms). Rows behind the mark that come due later (a retry
     * after back-off) are picked up by the next loop, which starts from the beginning again.
     */
    private void relayAll(Slice slice) {
        long mark = 0;
        while (!stopping) {
            Claimed claimed = relayChunk(slice, mark);
            if (claimed.rows() < chunkSize) {
                return;
            }
            mark = claimed.lastId();
        }
    }

    /** How many rows a chunk handled and the highest id among them. */
    private record Claimed(int rows, long lastId) {
        static Claimed of(List<Long> ids) {
            return new Claimed(ids.size(), ids.stream().mapToLong(Long::longValue).max().orElse(0));
        }
    }

    /** Counts committed commands per kind: the metric {@value #DONE_METRIC}, read without touching the database. */
    private void count(List<Command> committed) {
        if (committed != null) {
            committed.forEach(c -> doneCounters.get(c.kind).increment());
        }
    }

    /** How many commands of this kind this node has executed and committed since it started. */
    public long done(EngineCommandKind kind) {
        return (long) doneCounters.get(kind).count();
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

    /** Relays one chunk of rows past {@code mark}; answers what it handled (successfully or not). */
    private Claimed relayChunk(Slice slice, long mark) {
        try {
            List<Command> done = tx.execute(status -> {
                List<Command> chunk = claim(null, slice, mark);
                execute(chunk);
                markDone(chunk);
                return chunk;
            });
            count(done);
            return Claimed.of(done == null ? List.of() : done.stream().map(Command::id).toList());
        } catch (RuntimeException chunkFailure) {
            log.debug("Chunk failed, retrying row by row", chunkFailure);
            return relayOneByOne(slice, mark);
        }
    }

    private Claimed relayOneByOne(Slice slice, long mark) {
        List<Long> ids = jdbc.queryForList("""
                select id from engine_command where done_at is null and next_attempt_at <= now() and attempts < ?
                  and mod(target_id, ?) = ? and id > ?
                order by id limit ?""", Long.class, MAX_ATTEMPTS, slice.of(), slice.index(), mark, chunkSize);
        for (Long id : ids) {
            try {
                count(tx.execute(status -> {
                    List<Command> one = claim(id, Slice.ALL, 0);
                    execute(one);
                    markDone(one);
                    return one;
                }));
            } catch (RuntimeException e) {
                recordFailure(id, e);
            }
        }
        return Claimed.of(ids);
    }

    /**
     * The oldest open commands of a slice past a mark (parameters: max attempts, only id or null twice, slices, slice
     * index, mark, limit). The partial index {@code engine_command_open_by_id} keeps its cost constant however many
     * commands are done or pending: it walks the open rows in id order from the mark and stops after the chunk
     * (ADR 0009).
     */
    static final String CLAIM = """
            select id, kind, campaign_id, target_id, letter_id, reason from engine_command
            where done_at is null and next_attempt_at <= now() and attempts < ?
              and (cast(? as bigint) is null or id = ?) and mod(target_id, ?) = ? and id > ?
            order by id limit ? for update skip locked""";

    /**
     * Planned without a sort, for this statement only: {@link #CLAIM} is then planned on {@code
     * engine_command_open_by_id} in id order. With statistics taken while the table was empty or every command was
     * done, PostgreSQL expects a single open row, and a sort of everything the index holds looks free: it read and
     * sorted all open commands (a bitmap scan of the same index, or the per-campaign index dropped by V15), 15-20 ms
     * a claim at 100,000 people and growing with the campaign, instead of reading one chunk (ADR 0009).
     */
    static final String PLAN_WITHOUT_SORT = "select set_config('enable_sort', 'off', true)";
    static final String PLAN_WITH_SORT = "select set_config('enable_sort', 'on', true)";

    private List<Command> claim(Long onlyId, Slice slice, long mark) {
        jdbc.queryForObject(PLAN_WITHOUT_SORT, String.class);
        List<Command> claimed = jdbc.query(CLAIM, (rs, i) -> new Command(rs.getLong(1),
                EngineCommandKind.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4), rs.getString(5),
                rs.getString(6)), MAX_ATTEMPTS, onlyId, onlyId, slice.of(), slice.index(), mark, chunkSize);
        jdbc.queryForObject(PLAN_WITH_SORT, String.class);
        return claimed;
    }

    /** Runs a chunk as one engine command, then records what the journeys' letters need to know. */
    private void execute(List<Command> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        Chunk prepared = prepare(chunk);
        engine.inOneCommand(() -> {
            chunk.forEach(c -> execute(c, prepared));
            return null;
        });
        recordOnLetters(prepared);
    }

    /**
     * Records the journeys started for letters and, for letters posted, when their return window ends (it runs from
     * the moment the journey knows): one statement for the chunk, after locking its letters in letter-id order. The
     * print house's imports lock letters in that order too, so the two never deadlock (LetterOrderSink).
     */
    private void recordOnLetters(Chunk prepared) {
        Map<String, String> journeys = new HashMap<>();
        prepared.journeysOfLetters.forEach(started -> journeys.put(started.letterId(), started.processInstanceId()));
        Set<String> posted = new HashSet<>(prepared.posted);
        SortedSet<String> letters = new TreeSet<>(journeys.keySet());
        letters.addAll(posted);
        if (letters.isEmpty()) {
            return;
        }
        String[] ids = letters.toArray(String[]::new);
        String[] instances = letters.stream().map(journeys::get).toArray(String[]::new);
        Boolean[] postedNow = letters.stream().map(posted::contains).toArray(Boolean[]::new);
        jdbc.queryForList("select id from letter where id = any(?) order by id for update", String.class,
                (Object) ids);
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    update letter l set journey_instance_id = coalesce(v.instance, l.journey_instance_id),
                           return_window_ends_at = case when v.posted then now() + cast(c.return_window as interval)
                                                        else l.return_window_ends_at end
                    from unnest(?, ?, ?) as v(id, instance, posted), campaign c
                    where l.id = v.id and c.id = l.campaign_id""");
            ps.setArray(1, con.createArrayOf("text", ids));
            ps.setArray(2, con.createArrayOf("text", instances));
            ps.setArray(3, con.createArrayOf("boolean", postedNow));
            return ps;
        });
    }

    /** One query each for the business keys and the letters' journeys the chunk needs. */
    private Chunk prepare(List<Command> chunk) {
        Set<Long> people = new HashSet<>();
        Set<String> letterIds = new HashSet<>();
        for (Command c : chunk) {
            switch (c.kind) {
                case START_JOURNEY, START_CORRECTIVE_JOURNEY -> people.add(c.targetId);
                case LETTER_RETURNED -> {
                    people.add(c.targetId);
                    letterIds.add(c.letterId);
                }
                case LETTER_POSTED, CLOSE_RETURN_WINDOW -> letterIds.add(c.letterId);
                case START_REVIEW -> { }
            }
        }
        Map<String, LetterJourney> letters = new HashMap<>();
        if (!letterIds.isEmpty()) {
            jdbc.query("select id, journey_instance_id, window_closed_at is not null, grp from letter where id = any(?)",
                    (RowCallbackHandler) rs -> letters.put(rs.getString(1), new LetterJourney(rs.getString(2),
                            rs.getBoolean(3), rs.getString(4))), (Object) letterIds.toArray(String[]::new));
        }
        boolean starts = chunk.stream().anyMatch(c -> c.kind == EngineCommandKind.START_JOURNEY
                || c.kind == EngineCommandKind.START_CORRECTIVE_JOURNEY || c.kind == EngineCommandKind.LETTER_RETURNED);
        return new Chunk(journeyKeys.of(people), letters, starts ? engine.latestJourneyDefinition() : null);
    }

    private void execute(Command c, Chunk chunk) {
        switch (c.kind) {
            case START_JOURNEY, START_CORRECTIVE_JOURNEY -> {
                boolean corrective = c.kind == EngineCommandKind.START_CORRECTIVE_JOURNEY;
                String instance = engine.startJourney(chunk.definitionId, new ProcessEngineAdapter.JourneyStart(
                        chunk.key(c.targetId), c.reason == null ? null : Group.valueOf(c.reason), c.letterId, corrective,
                        null));
                if (c.letterId != null) {
                    chunk.journeysOfLetters.add(new StartedJourney(c.letterId, instance));
                }
            }
            case START_REVIEW -> engine.startReview(c.targetId, c.campaignId);
            case LETTER_POSTED -> {
                engine.continueJourney(chunk.journeyOf(c.letterId).instanceId(), JourneySignal.POSTED, Map.of());
                chunk.posted.add(c.letterId);
                crashPoints.reached(CrashPoints.Point.MID_CORRELATION);
            }
            case LETTER_RETURNED -> {
                LetterJourney letter = chunk.journeyOf(c.letterId);
                if (letter.windowClosed()) {
                    startLateReturnJourney(c, letter, chunk);
                } else {
                    engine.continueJourney(letter.instanceId(), JourneySignal.RETURNED,
                            Map.of(ProcessVariables.RETURN_REASON.name(), c.reason,
                                    ProcessVariables.LETTER_ID.name(), c.letterId));
                }
                crashPoints.reached(CrashPoints.Point.MID_CORRELATION);
            }
            case CLOSE_RETURN_WINDOW -> engine.continueJourneyIfWaiting(chunk.journeyOf(c.letterId).instanceId(),
                    JourneySignal.WINDOW_CLOSED, Map.of());
        }
    }

    /**
     * A return that came after the campaign closed the letter's return window: its journey has ended, so a new
     * journey of the same person handles the return (remail, close, or staff), exactly as a timely one would.
     */
    private void startLateReturnJourney(Command c, LetterJourney letter, Chunk chunk) {
        // counted open before the journey starts: a refusal ends it within this same command
        journeys.openForLateReturn(c.targetId);
        String instance = engine.startJourney(chunk.definitionId, new ProcessEngineAdapter.JourneyStart(
                chunk.key(c.targetId), Group.valueOf(letter.group()), c.letterId, false, c.reason));
        chunk.journeysOfLetters.add(new StartedJourney(c.letterId, instance));
    }

    /** One statement for the chunk; its rows are locked by the claim already. */
    private void markDone(List<Command> chunk) {
        if (!chunk.isEmpty()) {
            jdbc.update("update engine_command set done_at = now() where id = any(?)",
                    (Object) chunk.stream().map(Command::id).toArray(Long[]::new));
        }
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

    /** A letter's journey as the chunk found it. */
    private record LetterJourney(String instanceId, boolean windowClosed, String group) {
    }

    private record StartedJourney(String letterId, String processInstanceId) {
    }

    /** What one chunk looked up before it ran, and what it collects for the letters afterwards. */
    private record Chunk(Map<Long, String> keys, Map<String, LetterJourney> letters, String definitionId,
                         List<StartedJourney> journeysOfLetters, List<String> posted) {
        Chunk(Map<Long, String> keys, Map<String, LetterJourney> letters, String definitionId) {
            this(keys, letters, definitionId, new ArrayList<>(), new ArrayList<>());
        }

        String key(long personId) {
            String key = keys.get(personId);
            if (key == null) {
                throw new IllegalStateException("no person " + personId);
            }
            return key;
        }

        LetterJourney journeyOf(String letterId) {
            LetterJourney journey = letters.get(letterId);
            if (journey == null) {
                throw new IllegalStateException("no letter " + letterId);
            }
            if (journey.instanceId() == null) {
                throw new IllegalStateException("letter " + letterId + " has no journey yet");
            }
            return journey;
        }
    }
}
