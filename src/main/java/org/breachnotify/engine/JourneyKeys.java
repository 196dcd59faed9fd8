package org.breachnotify.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * A participant journey's business key, {@code <campaign code>/<participant id>}: readable in Cockpit, stable across
 * a person's journeys (first, corrective, late return), and never a BSN. The engine addresses journeys by process
 * instance id; the key is how people and delegates find the person again.
 */
@Component
public class JourneyKeys {
    private final JdbcTemplate jdbc;

    public JourneyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The key of a person's journeys; campaign codes hold no '/' (CampaignService), so the first '/' splits. */
    public static String of(String campaignCode, String participantId) {
        return campaignCode + "/" + participantId;
    }

    /** The keys of the given people (our internal ids), one query. */
    public Map<Long, String> of(Collection<Long> personIds) {
        Map<Long, String> keys = new HashMap<>();
        if (!personIds.isEmpty()) {
            jdbc.query("""
                    select p.id, c.code, p.participant_id from person p join campaign c on c.id = p.campaign_id
                    where p.id = any(?)""", (RowCallbackHandler) rs -> keys.put(rs.getLong(1),
                    of(rs.getString(2), rs.getString(3))), (Object) personIds.toArray(Long[]::new));
        }
        return keys;
    }

    public String of(long personId) {
        String key = of(java.util.List.of(personId)).get(personId);
        if (key == null) {
            throw new IllegalArgumentException("no person with id " + personId);
        }
        return key;
    }

    /** The person (our internal id) whose journey this execution belongs to. */
    public long personOf(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash < 0) {
            throw new IllegalStateException("journey " + execution.getProcessInstanceId()
                    + " has no <campaign code>/<participant id> business key: " + key);
        }
        return jdbc.queryForObject("""
                select p.id from person p join campaign c on c.id = p.campaign_id
                where c.code = ? and p.participant_id = ?""", Long.class, key.substring(0, slash),
                key.substring(slash + 1));
    }

    /** The key prefix shared by every journey of a campaign, for a business-key LIKE query. */
    public static String campaignPrefix(String campaignCode) {
        return campaignCode + "/";
    }
}
