package org.breachnotify.classification;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.breachnotify.journey.Journeys;
import org.breachnotify.journey.PersonStage;
import org.breachnotify.register.Group;
import org.breachnotify.platform.PlannerStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts every person of a campaign in their group, in bulk: the facts are read set-based, the decision table
 * ({@code bpmn/classifyPerson.dmn}, the latest deployed version) is evaluated once per distinct combination of facts
 * (it is a pure function of them: at most 24 combinations), and the groups are written back a chunk at a time, each
 * chunk in its own transaction, so a run over 941,000 people takes seconds and can stop and resume anywhere.
 *
 * <p>Who is classified: everyone not classified yet, and everyone flagged for it because new facts arrived (a new
 * link from a later leaked-record file, or a decided review). When the group of someone who already has a letter
 * changes, a {@link GroupChanged} event tells the letter's side, which corrects the letter in the same transaction: a
 * letter not printed yet simply changes group; a printed one gets a corrective journey. Someone who is held by an open review while their letter is already out keeps their group until the
 * review is decided.
 */
@Service
public class ClassificationService {
    private static final Logger log = LoggerFactory.getLogger(ClassificationService.class);
    private static final int CHUNK = 20_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ClassificationDecision decision;
    private final ApplicationEventPublisher events;
    private final Journeys journeys;
    private final PlannerStatistics statistics;

    public ClassificationService(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                 ClassificationDecision decision, ApplicationEventPublisher events,
                                 Journeys journeys, PlannerStatistics statistics) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.decision = decision;
        this.events = events;
        this.journeys = journeys;
        this.statistics = statistics;
    }

    /**
     * What one run did. {@code lettersToCorrect}: people with a letter whose group changed to another that gets a
     * letter (a {@link GroupChanged} each).
     */
    public record ClassificationRun(int classified, int reclassified, int changedGroup, int lettersToCorrect,
                                    String decision) {
    }

    public ClassificationRun classifyPending(long campaignId) {
        releaseHeldByDecidedReviews(campaignId);
        ClassificationDecision.Version version = decision.latest();
        Tally tally = new Tally();
        long after = 0;
        while (true) {
            long from = after;
            Long last = tx.execute(status -> classifyChunk(campaignId, from, version, tally));
            if (last == null) {
                break;
            }
            after = last;
        }
        ClassificationRun run = new ClassificationRun(tally.classified, tally.reclassified, tally.changedGroup,
                tally.lettersToCorrect, version.id());
        if (run.classified() + run.reclassified() > 0) {
            log.info("Campaign {} classification by {}: {}", campaignId, version.id(), run);
        }
        // the journey starts that follow are planned on the groups just set
        statistics.refreshAfter("person", run.classified() + run.reclassified(), "people given a group");
        return run;
    }

    /**
     * A review decided while this classification was holding its candidates (staff can be that quick) looked for held
     * people before the hold was committed and released nobody; nothing would release them later. So every run first
     * releases whoever is held although no open review holds them any more, and classifies them with the rest.
     */
    private void releaseHeldByDecidedReviews(long campaignId) {
        List<Long> released = tx.execute(status -> {
            List<Long> people = jdbc.queryForList("""
                    update person p set grp = null
                    where p.stage = ? and p.grp = 'HELD_FOR_REVIEW'
                      and p.id in (select c.person_id from match_candidate c join match_review r on r.id = c.review_id
                                   where r.campaign_id = ? and r.status = 'DECIDED')
                      and not exists (select 1 from match_candidate c join match_review r on r.id = c.review_id
                                      where c.person_id = p.id and r.status = 'OPEN')
                    returning p.id""", Long.class, PersonStage.HELD.name(), campaignId);
            journeys.markReleased(people);
            return people;
        });
        if (released != null && !released.isEmpty()) {
            log.info("Campaign {}: released {} people still held by reviews decided meanwhile", campaignId,
                    released.size());
        }
    }

    /** Counts of one run, kept over its chunks. */
    private static final class Tally {
        int classified;
        int reclassified;
        int changedGroup;
        int lettersToCorrect;
    }


    private record Pending(long personId, Group current, ClassificationFacts facts, boolean hasLetter,
                           boolean journeyStarted) {
    }

    /** Classifies the next chunk after person id {@code after}; answers the last id done, or null when none was left. */
    private Long classifyChunk(long campaignId, long after, ClassificationDecision.Version version, Tally tally) {
        List<Pending> pending = jdbc.query("""
                select p.id, p.grp, p.deceased_date is not null,
                       exists (select 1 from match_candidate c join match_review r on r.id = c.review_id
                               where c.person_id = p.id and r.status = 'OPEN'),
                       coalesce((select min(l.dataset) from leaked_record l where l.person_id = p.id
                                 and l.match_status in ('LINKED', 'PROBABLE', 'LINKED_BY_STAFF')), 0),
                       p.gp_smear_before_2017,
                       p.grp is not null and exists (select 1 from letter l where l.person_id = p.id),
                       p.journey_started_at is not null
                from person p
                where p.campaign_id = ? and (p.grp is null or p.reclassify) and p.id > ?
                order by p.id limit ?""", (rs, i) -> new Pending(rs.getLong(1),
                rs.getString(2) == null ? null : Group.valueOf(rs.getString(2)),
                new ClassificationFacts(rs.getBoolean(3), rs.getBoolean(4), rs.getInt(5), rs.getBoolean(6)),
                rs.getBoolean(7), rs.getBoolean(8)), campaignId, after, CHUNK);
        if (pending.isEmpty()) {
            return null;
        }
        List<Long> ids = new ArrayList<>(pending.size());
        List<String> groups = new ArrayList<>(pending.size());
        List<Long> staged = new ArrayList<>(pending.size());
        List<PersonStage> stages = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            Group group = version.groupFor(p.facts());
            if (p.current() == null) {
                tally.classified++;
            } else {
                tally.reclassified++;
            }
            PersonStage stage = p.journeyStarted() ? null : PersonStage.classifiedAs(group);
            if (p.current() != null && p.current() != group) {
                if (group == Group.HELD_FOR_REVIEW && (p.hasLetter() || p.journeyStarted())) {
                    continue; // decided again once the review is decided; the flag stays
                }
                tally.changedGroup++;
                if (p.hasLetter() && group.getsLetter()) {
                    tally.lettersToCorrect++;
                    events.publishEvent(new GroupChanged(campaignId, p.personId(), group));
                    stage = null; // the letter's side sets it if it queues a corrective journey
                }
            }
            ids.add(p.personId());
            groups.add(group.name());
            if (stage != null) {
                staged.add(p.personId());
                stages.add(stage);
            }
        }
        if (!ids.isEmpty()) {
            jdbc.update((Connection c) -> {
                PreparedStatement ps = c.prepareStatement("""
                        update person p set grp = v.grp, reclassify = false, classified_at = now(), classified_by = ?
                        from unnest(?, ?) as v(id, grp) where p.id = v.id""");
                ps.setString(1, version.id());
                ps.setArray(2, array(c, "bigint", ids.toArray()));
                ps.setArray(3, array(c, "text", groups.toArray()));
                return ps;
            });
            journeys.markClassified(staged, stages);
        }
        return pending.get(pending.size() - 1).personId();
    }

    private static Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }
}
