package org.breachnotify.matching;

import java.util.List;
import org.breachnotify.engine.EngineCommandKind;
import org.breachnotify.engine.EngineCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links leaked records to people, set-based so that a million records match in one pass:
 * 1. BSN found: linked when the birth date is absent or equal, else a conflict;
 * 2. otherwise exactly one person with the same normalised surname and birth date (and postcode, when given):
 *    a probable link; several such people: ambiguous;
 * 3. otherwise unlinked. Conflicts and ambiguous records open a review for staff.
 */
@Service
public class MatchingService {
    private static final Logger log = LoggerFactory.getLogger(MatchingService.class);

    private final JdbcTemplate jdbc;
    private final EngineCommands commands;

    public MatchingService(JdbcTemplate jdbc, EngineCommands commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    public record MatchRun(int linked, int conflicts, int probable, int ambiguous, int unlinked) {
    }

    @Transactional
    public MatchRun matchNewRecords(long campaignId) {
        // Only when people were classified before (a later file) does a run need to know which records it matched;
        // the first, large run of a campaign skips that bookkeeping.
        boolean laterRun = Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from person where campaign_id = ? and grp is not null)", Boolean.class,
                campaignId));
        if (laterRun) {
            jdbc.update("""
                    create temporary table matched_in_run on commit drop as
                    select id from leaked_record where campaign_id = ? and match_status = 'NEW'""", campaignId);
        }
        int linked = jdbc.update("""
                update leaked_record l set person_id = p.id, match_status = 'LINKED'
                from person p
                where l.campaign_id = ? and l.match_status = 'NEW' and l.bsn is not null
                  and p.campaign_id = l.campaign_id and p.bsn = l.bsn
                  and (l.birth_date is null or l.birth_date = p.birth_date)""", campaignId);
        int conflicts = jdbc.update("""
                update leaked_record l set match_status = 'CONFLICT'
                from person p
                where l.campaign_id = ? and l.match_status = 'NEW' and l.bsn is not null
                  and p.campaign_id = l.campaign_id and p.bsn = l.bsn""", campaignId);
        jdbc.update("""
                insert into match_review (campaign_id, leaked_record_id, kind, status)
                select campaign_id, id, 'CONFLICT', 'OPEN' from leaked_record l
                where campaign_id = ? and match_status = 'CONFLICT'
                  and not exists (select 1 from match_review r where r.leaked_record_id = l.id)""", campaignId);
        jdbc.update("""
                insert into match_candidate (review_id, person_id)
                select r.id, p.id from match_review r
                join leaked_record l on l.id = r.leaked_record_id
                join person p on p.campaign_id = l.campaign_id and p.bsn = l.bsn
                where r.campaign_id = ? and r.kind = 'CONFLICT'
                  and not exists (select 1 from match_candidate c where c.review_id = r.id)""", campaignId);

        jdbc.execute("""
                create temporary table if not exists match_candidates (leaked_record_id bigint, person_id bigint)
                on commit drop""");
        jdbc.update("""
                insert into match_candidates
                select l.id, p.id from leaked_record l
                join person p on p.campaign_id = l.campaign_id and p.surname_key = l.surname_key
                              and p.birth_date = l.birth_date and (l.postcode is null or p.postcode = l.postcode)
                where l.campaign_id = ? and l.match_status = 'NEW'
                  and l.surname_key is not null and l.surname_key <> '' and l.birth_date is not null""", campaignId);
        int probable = jdbc.update("""
                update leaked_record l set person_id = c.person_id, match_status = 'PROBABLE'
                from (select leaked_record_id, min(person_id) person_id from match_candidates
                      group by leaked_record_id having count(*) = 1) c
                where l.id = c.leaked_record_id""");
        int ambiguous = jdbc.update("""
                update leaked_record l set match_status = 'AMBIGUOUS'
                from (select leaked_record_id from match_candidates group by leaked_record_id having count(*) > 1) c
                where l.id = c.leaked_record_id""");
        jdbc.update("""
                insert into match_review (campaign_id, leaked_record_id, kind, status)
                select campaign_id, id, 'AMBIGUOUS', 'OPEN' from leaked_record l
                where campaign_id = ? and match_status = 'AMBIGUOUS'
                  and not exists (select 1 from match_review r where r.leaked_record_id = l.id)""", campaignId);
        jdbc.update("""
                insert into match_candidate (review_id, person_id)
                select r.id, c.person_id from match_review r
                join match_candidates c on c.leaked_record_id = r.leaked_record_id
                where r.campaign_id = ? and r.kind = 'AMBIGUOUS'
                on conflict do nothing""", campaignId);
        int unlinked = jdbc.update(
                "update leaked_record set match_status = 'UNLINKED' where campaign_id = ? and match_status = 'NEW'",
                campaignId);
        jdbc.execute("drop table match_candidates");
        // People classified earlier whom this run links to a record, or makes a candidate of a review, are classified
        // again in this round with the new facts (a later file can change someone's group after their letter).
        int newFacts = !laterRun ? 0 : jdbc.update("""
                update person p set reclassify = true
                where p.campaign_id = ? and p.grp is not null and not p.reclassify and (
                      exists (select 1 from leaked_record l join matched_in_run m on m.id = l.id
                              where l.person_id = p.id)
                   or exists (select 1 from match_candidate c join match_review r on r.id = c.review_id
                              join matched_in_run m on m.id = r.leaked_record_id
                              where c.person_id = p.id and r.status = 'OPEN'))""", campaignId);
        if (laterRun) {
            jdbc.execute("drop table matched_in_run");
        }

        List<Long> newReviews = jdbc.queryForList("""
                select r.id from match_review r where r.campaign_id = ? and r.status = 'OPEN'
                  and not exists (select 1 from engine_command c where c.kind = 'START_REVIEW' and c.target_id = r.id)
                order by r.id""", Long.class, campaignId);
        commands.enqueueAll(EngineCommandKind.START_REVIEW, campaignId, newReviews);
        MatchRun run = new MatchRun(linked, conflicts, probable, ambiguous, unlinked);
        if (run.linked() + run.conflicts() + run.probable() + run.ambiguous() + run.unlinked() > 0) {
            log.info("Campaign {} matching: {}; {} reviews opened; {} people classified earlier have new facts",
                    campaignId, run, newReviews.size(), newFacts);
        }
        return run;
    }
}
