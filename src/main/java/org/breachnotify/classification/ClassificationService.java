package org.breachnotify.classification;

import org.breachnotify.register.Group;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Gathers the facts the decision table needs and records its outcome. The rules themselves live only in
 * {@code bpmn/classifyPerson.dmn}, where a process manager can read and change them.
 */
@Service
public class ClassificationService {
    private final JdbcTemplate jdbc;

    public ClassificationService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ClassificationFacts factsFor(long personId) {
        return jdbc.queryForObject("""
                select p.deceased_date is not null,
                       exists (select 1 from match_candidate c join match_review r on r.id = c.review_id
                               where c.person_id = p.id and r.status = 'OPEN'),
                       coalesce((select min(l.dataset) from leaked_record l
                                 where l.person_id = p.id and l.match_status in ('LINKED','PROBABLE','LINKED_BY_STAFF')), 0),
                       p.gp_smear_before_2017
                from person p where p.id = ?""", (rs, i) -> new ClassificationFacts(rs.getBoolean(1),
                rs.getBoolean(2), rs.getInt(3), rs.getBoolean(4)), personId);
    }

    public void recordGroup(long personId, Group group) {
        String stage = switch (group) {
            case HELD_FOR_REVIEW -> "HELD";
            case NOT_NOTIFIED_DECEASED -> "NOT_NOTIFIED";
            default -> "CLASSIFIED";
        };
        jdbc.update("update person set grp = ?, stage = ? where id = ?", group.name(), stage, personId);
    }
}
