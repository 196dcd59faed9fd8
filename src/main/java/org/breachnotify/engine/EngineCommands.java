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
     * One journey start per classified person of the campaign that has none yet (people held by a review wait until
     * it is decided); answers how many were queued. The group travels with the command.
     */
    public int enqueueJourneyStarts(long campaignId) {
        return jdbc.update("""
                with started as (
                    update person set journey_started_at = now(), stage = 'QUEUED', open_journeys = open_journeys + 1
                    where campaign_id = ? and journey_started_at is null
                      and grp is not null and grp <> 'HELD_FOR_REVIEW'
                    returning id, campaign_id, grp)
                insert into engine_command (kind, campaign_id, target_id, reason)
                select 'START_JOURNEY', campaign_id, id, grp from started order by id""", campaignId);
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
