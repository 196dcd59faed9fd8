package org.breachnotify.journey;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The one writer of a person's journey columns: {@code stage} ({@link PersonStage}), {@code journey_started_at},
 * {@code open_journeys}, {@code journey_ended_at} and {@code journey_outcome}. Every method runs in the caller's
 * transaction and is one set-based statement however many people it is given; people are our internal ids.
 */
@Service
public class Journeys {
    private final JdbcTemplate jdbc;

    public Journeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts a journey started for each given person who is classified into a group that may start one (not held by
     * a review) and has none yet: stage {@link PersonStage#LETTER_READY} for those in {@code withLetter} (their first
     * letter is made), else {@link PersonStage#QUEUED}. Answers the people started, in id order; a person started
     * meanwhile by another node is left out.
     */
    public List<Long> start(List<Long> personIds, Set<Long> withLetter) {
        Long[] people = personIds.toArray(Long[]::new);
        Boolean[] letters = personIds.stream().map(withLetter::contains).toArray(Boolean[]::new);
        return jdbc.queryForList("""
                with started as (
                    update person p set journey_started_at = now(), open_journeys = open_journeys + 1,
                                         stage = case when v.with_letter then ? else ? end
                    from unnest(cast(? as bigint[]), cast(? as boolean[])) as v(person_id, with_letter)
                    where p.id = v.person_id and p.journey_started_at is null
                      and p.grp is not null and p.grp <> 'HELD_FOR_REVIEW'
                    returning p.id)
                select id from started order by id""", Long.class, PersonStage.LETTER_READY.name(),
                PersonStage.QUEUED.name(), people, letters);
    }

    /**
     * Counts one more journey open for the person (a corrective journey, or a journey for a return after the window):
     * the person is not done until it ends too.
     */
    public void openAnother(long personId) {
        jdbc.update("update person set open_journeys = open_journeys + 1, journey_ended_at = null where id = ?",
                personId);
    }

    /** As {@link #openAnother}, for a journey that handles a letter returned after its window closed. */
    public void openForLateReturn(long personId) {
        jdbc.update("""
                update person set open_journeys = open_journeys + 1, journey_ended_at = null, stage = ?
                where id = ?""", PersonStage.RETURNED.name(), personId);
    }

    /** One journey's end: its business key's two parts and its end event's id (the outcome). */
    public record JourneyEnd(String campaignCode, String participantId, String outcome) {
    }

    /**
     * Records the ends of journeys, in the order given: each counts one open journey of its person less, the last
     * outcome of a person is kept, and the person whose last open journey ends is {@link PersonStage#ENDED} (with
     * {@code journey_ended_at}). One statement however many ends, locking the people in id order as every other
     * set-based writer of {@code person} does. Answers the ends whose person does not exist (none updated for them).
     */
    public List<JourneyEnd> recordEnds(List<JourneyEnd> ends) {
        if (ends.isEmpty()) {
            return List.of();
        }
        Set<List<String>> found = new HashSet<>(jdbc.query("""
                with ended as (
                    select code, participant_id, count(*) as n, (array_agg(outcome order by ord desc))[1] as outcome
                    from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]))
                         with ordinality as v(code, participant_id, outcome, ord)
                    group by code, participant_id),
                locked as materialized (
                    select p.id, e.n, e.outcome, e.code, e.participant_id
                    from ended e join campaign c on c.code = e.code
                    join person p on p.campaign_id = c.id and p.participant_id = e.participant_id
                    order by p.id for update of p)
                update person p set open_journeys = p.open_journeys - l.n, journey_outcome = l.outcome,
                                  journey_ended_at = case when p.open_journeys = l.n then now() end,
                                  stage = case when p.open_journeys = l.n then ? else p.stage end
                from locked l where p.id = l.id
                returning l.code, l.participant_id""",
                (rs, i) -> List.of(rs.getString(1), rs.getString(2)),
                ends.stream().map(JourneyEnd::campaignCode).toArray(String[]::new),
                ends.stream().map(JourneyEnd::participantId).toArray(String[]::new),
                ends.stream().map(JourneyEnd::outcome).toArray(String[]::new), PersonStage.ENDED.name()));
        return ends.stream().filter(e -> !found.contains(List.of(e.campaignCode(), e.participantId()))).toList();
    }

    /**
     * Sets the stage each person got from classification: {@code stages} holds, index by index with
     * {@code personIds}, {@link PersonStage#CLASSIFIED}, {@link PersonStage#HELD} or {@link PersonStage#NOT_NOTIFIED};
     * any other is refused with an {@link IllegalArgumentException}.
     */
    public void markClassified(List<Long> personIds, List<PersonStage> stages) {
        if (personIds.size() != stages.size()) {
            throw new IllegalArgumentException(personIds.size() + " people but " + stages.size() + " stages");
        }
        for (PersonStage stage : stages) {
            if (stage != PersonStage.CLASSIFIED && stage != PersonStage.HELD && stage != PersonStage.NOT_NOTIFIED) {
                throw new IllegalArgumentException("classification does not put anyone in stage " + stage);
            }
        }
        if (personIds.isEmpty()) {
            return;
        }
        jdbc.update("""
                update person p set stage = v.stage
                from unnest(cast(? as bigint[]), cast(? as text[])) as v(id, stage) where p.id = v.id""",
                personIds.toArray(Long[]::new), stages.stream().map(PersonStage::name).toArray(String[]::new));
    }

    /** A reclassified person's printed letter is to be followed by a corrective letter, whose journey is queued. */
    public void markCorrectionQueued(long personId) {
        set(PersonStage.CORRECTION_QUEUED, List.of(personId));
    }

    /** People a decided review no longer holds: {@link PersonStage#RELEASED}, classified again by the next round. */
    public void markReleased(Collection<Long> personIds) {
        set(PersonStage.RELEASED, personIds);
    }

    /** A letter was made for the person by their journey (a remail, a corrective letter). */
    public void markLetterReady(long personId) {
        set(PersonStage.LETTER_READY, List.of(personId));
    }

    /** The people's letters went into a print batch. */
    public void markExported(Collection<Long> personIds) {
        set(PersonStage.EXPORTED, personIds);
    }

    /** The print house posted the people's letters. */
    public void markPosted(Collection<Long> personIds) {
        set(PersonStage.POSTED, personIds);
    }

    /** The person's current letter came back. */
    public void markReturned(long personId) {
        set(PersonStage.RETURNED, List.of(personId));
    }

    private void set(PersonStage stage, Collection<Long> personIds) {
        if (!personIds.isEmpty()) {
            jdbc.update("update person set stage = ? where id = any(?)", stage.name(),
                    personIds.toArray(Long[]::new));
        }
    }
}
