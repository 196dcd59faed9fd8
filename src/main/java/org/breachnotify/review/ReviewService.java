package org.breachnotify.review;

import java.util.List;
import java.util.Optional;
import org.breachnotify.journey.Journeys;
import org.breachnotify.journey.PersonStage;
import org.breachnotify.register.Bsn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Doubtful matches: what staff see, and applying their decision (link to one candidate, or dismiss). */
@Service
public class ReviewService {
    public static final String LINK = "LINK";
    public static final String DISMISS = "DISMISS";

    private final JdbcTemplate jdbc;
    private final Journeys journeys;

    public ReviewService(JdbcTemplate jdbc, Journeys journeys) {
        this.jdbc = jdbc;
        this.journeys = journeys;
    }

    public Optional<MatchReviewView> view(long reviewId) {
        List<MatchReviewView.Candidate> candidates = jdbc.query("""
                select p.id, p.participant_id, p.initials, p.surname_prefix, p.surname, p.bsn, p.birth_date,
                       p.street, p.house_number, p.house_letter, p.house_number_suffix, p.postcode, p.city
                from match_candidate c join person p on p.id = c.person_id where c.review_id = ? order by p.id""",
                (rs, i) -> new MatchReviewView.Candidate(rs.getLong(1), rs.getString(2),
                        join(rs.getString(3), rs.getString(4), rs.getString(5)), Bsn.masked(rs.getString(6)),
                        rs.getDate(7).toLocalDate(),
                        rs.getString(8) + " " + rs.getInt(9) + nz(rs.getString(10))
                                + (rs.getString(11) == null ? "" : "-" + rs.getString(11)) + ", "
                                + nz(rs.getString(12)) + " " + rs.getString(13)), reviewId);
        return jdbc.query("""
                select r.id, r.campaign_id, r.kind, r.status, l.dataset, l.lab_record_id, l.bsn, l.surname,
                       l.birth_date, l.postcode, r.decision, r.decided_person_id
                from match_review r join leaked_record l on l.id = r.leaked_record_id where r.id = ?""",
                (rs, i) -> new MatchReviewView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        new MatchReviewView.LeakedRecord(rs.getInt(5), rs.getString(6),
                                rs.getString(7) == null ? null : Bsn.masked(rs.getString(7)), rs.getString(8),
                                rs.getDate(9) == null ? null : rs.getDate(9).toLocalDate(), rs.getString(10)),
                        candidates, rs.getString(11), (Long) rs.getObject(12)), reviewId).stream().findFirst();
    }

    /** The campaign's open reviews, oldest first, without personal data: for the process manager's report page. */
    public List<OpenReviewSummary> openReviewSummaries(long campaignId, int limit) {
        return jdbc.query("""
                select r.id, r.kind, l.dataset, l.lab_record_id, r.created_at,
                       (select count(*) from match_candidate c where c.review_id = r.id) candidates
                from match_review r join leaked_record l on l.id = r.leaked_record_id
                where r.campaign_id = ? and r.status = 'OPEN' order by r.id limit ?""",
                (rs, i) -> new OpenReviewSummary(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getInt(6), rs.getTimestamp(5).toInstant(), null), campaignId, limit);
    }

    /** The ids of the campaign's oldest open reviews, at most {@code limit}. */
    public List<Long> openReviewIds(long campaignId, int limit) {
        return jdbc.queryForList("""
                select id from match_review where campaign_id = ? and status = 'OPEN' order by id limit ?""",
                Long.class, campaignId, limit);
    }

    /**
     * Applies a decision and releases every candidate that no other open review holds. Deciding twice is refused.
     *
     * <p>The review's row and then its candidates' rows (in id order) are locked first. Two reviews of the same
     * people decided at once are thereby applied one after the other, and the later one sees the earlier one
     * decided and releases the people; without the locks each could see the other still open and release nobody.
     */
    @Transactional
    public void decide(long reviewId, String decision, Long linkedPersonId) {
        jdbc.queryForList("select id from match_review where id = ? for update", Long.class, reviewId);
        jdbc.queryForList("""
                select p.id from person p join match_candidate c on c.person_id = p.id
                where c.review_id = ? order by p.id for update of p""", Long.class, reviewId);
        MatchReviewView review = view(reviewId)
                .orElseThrow(() -> new IllegalArgumentException("no match review " + reviewId));
        if (!"OPEN".equals(review.status())) {
            throw new IllegalStateException("match review " + reviewId + " was already decided");
        }
        if (LINK.equals(decision)) {
            if (linkedPersonId == null
                    || review.candidates().stream().noneMatch(c -> c.personId() == linkedPersonId)) {
                throw new IllegalArgumentException(
                        "match review " + reviewId + ": person " + linkedPersonId + " is not one of its candidates");
            }
            jdbc.update("""
                    update leaked_record set match_status = 'LINKED_BY_STAFF', person_id = ?
                    where id = (select leaked_record_id from match_review where id = ?)""", linkedPersonId, reviewId);
        } else if (DISMISS.equals(decision)) {
            jdbc.update("""
                    update leaked_record set match_status = 'DISMISSED', person_id = null
                    where id = (select leaked_record_id from match_review where id = ?)""", reviewId);
        } else {
            throw new IllegalArgumentException("decision must be LINK or DISMISS, not " + decision);
        }
        jdbc.update("""
                update match_review set status = 'DECIDED', decision = ?, decided_person_id = ?, decided_at = now()
                where id = ?""", decision, LINK.equals(decision) ? linkedPersonId : null, reviewId);
        List<Long> released = jdbc.queryForList("""
                select p.id from match_candidate c join person p on p.id = c.person_id
                where c.review_id = ? and p.stage = ?
                  and not exists (select 1 from match_candidate o join match_review r on r.id = o.review_id
                                  where o.person_id = p.id and r.status = 'OPEN')""", Long.class, reviewId,
                PersonStage.HELD.name());
        // released into the next round's classification, which then starts their journeys
        if (!released.isEmpty()) {
            jdbc.update("update person set grp = null where id = any(?)", (Object) released.toArray(Long[]::new));
        }
        journeys.markReleased(released);
        // someone whose letter was already out when the review opened is classified again with the new facts
        jdbc.update("""
                update person p set reclassify = true from match_candidate c
                where c.review_id = ? and p.id = c.person_id and p.grp is not null""", reviewId);
    }

    private static String join(String initials, String prefix, String surname) {
        StringBuilder sb = new StringBuilder();
        if (initials != null) {
            sb.append(initials).append(' ');
        }
        if (prefix != null) {
            sb.append(prefix).append(' ');
        }
        return sb.append(surname).toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
