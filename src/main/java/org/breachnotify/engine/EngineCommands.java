package org.breachnotify.engine;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The write side of the engine-command outbox. Domain services call this inside their own transaction; the
 * {@link EngineCommandRelay} later turns each row into an engine call, in small chunks.
 */
@Service
public class EngineCommands {
    private final JdbcTemplate jdbc;

    public EngineCommands(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void enqueue(EngineCommandKind kind, long campaignId, long targetId, String letterId, String reason) {
        jdbc.update("insert into engine_command (kind, campaign_id, target_id, letter_id, reason) values (?,?,?,?,?)",
                kind.name(), campaignId, targetId, letterId, reason);
    }

    /**
     * One journey start per given person (our internal ids) who is classified and has none yet (people held by a
     * review wait until it is decided); answers how many were queued. The group travels with the command, and so
     * does the person's first letter when the campaign composed it ({@code letters}: letter id by person): the
     * journey then starts waiting for its posting, and the person's stage is LETTER_READY, else QUEUED.
     */
    public int enqueueJourneyStarts(List<Long> personIds, Map<Long, String> letters) {
        Long[] people = personIds.toArray(Long[]::new);
        String[] letterIds = personIds.stream().map(letters::get).toArray(String[]::new);
        return jdbc.update("""
                with started as (
                    update person p set journey_started_at = now(), open_journeys = open_journeys + 1,
                                         stage = case when v.letter_id is null then 'QUEUED' else 'LETTER_READY' end
                    from unnest(cast(? as bigint[]), cast(? as text[])) as v(person_id, letter_id)
                    where p.id = v.person_id and p.journey_started_at is null
                      and p.grp is not null and p.grp <> 'HELD_FOR_REVIEW'
                    returning p.id, p.campaign_id, p.grp, v.letter_id)
                insert into engine_command (kind, campaign_id, target_id, letter_id, reason)
                select 'START_JOURNEY', campaign_id, id, letter_id, grp from started order by id""", people, letterIds);
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
        jdbc.update("update person set open_journeys = open_journeys + 1, journey_ended_at = null where id = ?",
                personId);
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
