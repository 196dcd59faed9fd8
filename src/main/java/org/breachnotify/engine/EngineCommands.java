package org.breachnotify.engine;

import java.util.List;
import java.util.Map;
import org.breachnotify.journey.Journeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The write side of the engine-command outbox. Domain services call this inside their own transaction; the
 * {@link EngineCommandRelay} later turns each row into an engine call, in small chunks.
 */
@Service
public class EngineCommands {
    private final JdbcTemplate jdbc;
    private final Journeys journeys;

    public EngineCommands(JdbcTemplate jdbc, Journeys journeys) {
        this.jdbc = jdbc;
        this.journeys = journeys;
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
     * window has passed; each letter once. Answers how many were queued. Reads only open windows (an index), so its
     * cost does not grow with the letters already done.
     */
    public int enqueueDueWindowCloses(long campaignId) {
        return jdbc.update("""
                with due as (
                    update letter set window_closed_at = now()
                    where campaign_id = ? and window_closed_at is null and return_window_ends_at is not null
                      and return_window_ends_at <= now() and status = 'POSTED'
                    returning id, campaign_id, person_id)
                insert into engine_command (kind, campaign_id, target_id, letter_id)
                select 'CLOSE_RETURN_WINDOW', campaign_id, person_id, id from due order by person_id""", campaignId);
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
