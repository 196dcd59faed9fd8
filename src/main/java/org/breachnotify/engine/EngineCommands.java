package org.breachnotify.engine;

import java.util.List;
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
     * does the first letter when the campaign composed it: the journey then starts waiting for its posting.
     */
    public int enqueueJourneyStarts(List<Long> personIds) {
        return jdbc.update("""
                with started as (
                    update person set journey_started_at = now(), open_journeys = open_journeys + 1,
                                      stage = case when stage = 'LETTER_READY' then stage else 'QUEUED' end
                    where id = any(?) and journey_started_at is null
                      and grp is not null and grp <> 'HELD_FOR_REVIEW'
                    returning id, campaign_id, grp)
                insert into engine_command (kind, campaign_id, target_id, letter_id, reason)
                select 'START_JOURNEY', s.campaign_id, s.id,
                       (select l.id from letter l where l.person_id = s.id and l.status = 'READY'
                        and l.journey_instance_id is null order by l.created_at, l.id limit 1), s.grp
                from started s order by s.id""", (Object) personIds.toArray(Long[]::new));
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
