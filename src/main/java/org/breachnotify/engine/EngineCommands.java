package org.breachnotify.engine;

import java.util.List;
import java.util.Map;
import org.breachnotify.journey.Journeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write side of the engine-command outbox. Domain services call this inside their own transaction; the
 * {@link EngineCommandRelay} later turns each row into an engine call, in small chunks.
 */
@Service
public class EngineCommands {
    /** Return windows closed per transaction: the relay starts on the first chunk while the next is queued. */
    static final int WINDOW_CLOSES_PER_TRANSACTION = 10_000;

    private final JdbcTemplate jdbc;
    private final Journeys journeys;
    private final TransactionTemplate ownTransaction;

    public EngineCommands(JdbcTemplate jdbc, Journeys journeys, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.journeys = journeys;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void enqueue(EngineCommandKind kind, long campaignId, long targetId, String letterId, String reason) {
        jdbc.update("insert into engine_command (kind, campaign_id, target_id, letter_id, reason) values (?,?,?,?,?)",
                kind.name(), campaignId, targetId, letterId, reason);
    }

    /**
     * One journey start per given person (our internal ids, whose journeys {@code Journeys.start} has just counted),
     * in id order; answers how many were queued. The group travels with the command, and so does the person's first
     * letter when the campaign composed it ({@code letters}: letter id by person): the journey then starts waiting
     * for its posting.
     */
    public int enqueueJourneyStarts(List<Long> personIds, Map<Long, String> letters) {
        Long[] people = personIds.toArray(Long[]::new);
        String[] letterIds = personIds.stream().map(letters::get).toArray(String[]::new);
        return jdbc.update("""
                insert into engine_command (kind, campaign_id, target_id, letter_id, reason)
                select 'START_JOURNEY', p.campaign_id, p.id, v.letter_id, p.grp
                from unnest(cast(? as bigint[]), cast(? as text[])) as v(person_id, letter_id)
                join person p on p.id = v.person_id
                order by p.id""", people, letterIds);
    }

    /**
     * One {@code LETTER_POSTED} per letter, in the order given: {@code personIds} and {@code letterIds} pair up index
     * by index (our internal person id, the letter's id). One statement however many.
     */
    public void enqueueLettersPosted(long campaignId, List<Long> personIds, List<String> letterIds) {
        if (personIds.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into engine_command (kind, campaign_id, target_id, letter_id)
                select 'LETTER_POSTED', ?, v.person_id, v.letter_id
                from unnest(cast(? as bigint[]), cast(? as text[])) with ordinality as v(person_id, letter_id, n)
                order by v.n""", campaignId, personIds.toArray(Long[]::new), letterIds.toArray(String[]::new));
    }

    /**
     * Queues "return window closed" for every letter of the campaign that was posted, not returned, and whose
     * window has passed; each letter once. Answers how many were queued. Works in transactions of its own, of
     * {@value #WINDOW_CLOSES_PER_TRANSACTION} letters each (earliest window first), so the relay closes the first
     * windows while later ones are still being queued and no transaction holds a million rows; a chunk marks its
     * letters closed and queues their commands together, so a crash between chunks loses nothing and a second run
     * queues only what is left. Each chunk reads the open-windows index from where the previous one ended (V16), so
     * its cost stays the same however many letters the chunks before it closed. The update checks again that the
     * letter is still posted and open, so a letter returned meanwhile (its row waited for) is left to the return.
     */
    public int enqueueDueWindowCloses(long campaignId) {
        return enqueueDueWindowCloses(campaignId, WINDOW_CLOSES_PER_TRANSACTION);
    }

    /** As {@link #enqueueDueWindowCloses(long)}, {@code perTransaction} letters per transaction. */
    public int enqueueDueWindowCloses(long campaignId, int perTransaction) {
        int queued = 0;
        WindowMark mark = WindowMark.START;
        while (true) {
            WindowMark from = mark;
            WindowChunk chunk = ownTransaction.execute(status -> jdbc.query("""
                    with due as (
                        update letter set window_closed_at = now()
                        where id in (select id from letter
                                     where campaign_id = ? and window_closed_at is null
                                       and return_window_ends_at is not null and return_window_ends_at <= now()
                                       and (return_window_ends_at, id) > (?, ?) and status = 'POSTED'
                                     order by return_window_ends_at, id limit ?)
                          and window_closed_at is null and status = 'POSTED'
                        returning id, campaign_id, person_id, return_window_ends_at),
                    queued as (
                        insert into engine_command (kind, campaign_id, target_id, letter_id)
                        select 'CLOSE_RETURN_WINDOW', campaign_id, person_id, id from due order by person_id)
                    select count(*) over (), return_window_ends_at, id from due
                    order by return_window_ends_at desc, id desc limit 1""",
                    rs -> rs.next() ? new WindowChunk(rs.getInt(1), new WindowMark(rs.getTimestamp(2),
                            rs.getString(3))) : new WindowChunk(0, from),
                    campaignId, from.endsAt(), from.letterId(), perTransaction));
            queued += chunk.letters();
            if (chunk.letters() < perTransaction) {
                return queued;
            }
            mark = chunk.last();
        }
    }

    /** Where a chunk of window closes ended: the last letter's window end and id (the order they are read in). */
    private record WindowMark(java.sql.Timestamp endsAt, String letterId) {
        static final WindowMark START = new WindowMark(new java.sql.Timestamp(0), "");
    }

    private record WindowChunk(int letters, WindowMark last) {
    }

    /**
     * A second journey for someone whose group changed after their letter was sent: it writes the corrective letter
     * for {@code group}. The person's journey is not over until this one ends too.
     */
    public void enqueueCorrectiveJourney(long campaignId, long personId, String group) {
        enqueue(EngineCommandKind.START_CORRECTIVE_JOURNEY, campaignId, personId, null, group);
        journeys.openAnother(personId);
    }

    public void enqueueAll(EngineCommandKind kind, long campaignId, List<Long> targetIds) {
        jdbc.batchUpdate("insert into engine_command (kind, campaign_id, target_id) values (?,?,?)", targetIds, 1000,
                (ps, id) -> {
                    ps.setString(1, kind.name());
                    ps.setLong(2, campaignId);
                    ps.setLong(3, id);
                });
    }

    public long pending(long campaignId) {
        Long n = jdbc.queryForObject("select count(*) from engine_command where campaign_id = ? and done_at is null",
                Long.class, campaignId);
        return n == null ? 0 : n;
    }

    public long parked(long campaignId) {
        Long n = jdbc.queryForObject(
                "select count(*) from engine_command where campaign_id = ? and done_at is null and attempts >= ?",
                Long.class, campaignId, EngineCommandRelay.MAX_ATTEMPTS);
        return n == null ? 0 : n;
    }
}
