package org.breachnotify.campaign;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records how a person's journey ended (the end event's id), which the campaign's progress check counts. A person
 * whose corrective journey still runs is not done yet: the person counts open journeys. The person is found by the
 * journey's business key, {@code <campaign code>/<participant id>}; no variable is read.
 */
@Component
public class RecordJourneyEndListener implements ExecutionListener {
    private final JdbcTemplate jdbc;

    public RecordJourneyEndListener(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        int slash = key.indexOf('/');
        int updated = jdbc.update("""
                update person p set open_journeys = open_journeys - 1, journey_outcome = ?,
                                  journey_ended_at = case when open_journeys = 1 then now() end,
                                  stage = case when open_journeys = 1 then 'ENDED' else stage end
                from campaign c
                where c.id = p.campaign_id and c.code = ? and p.participant_id = ?""",
                execution.getCurrentActivityId(), key.substring(0, slash), key.substring(slash + 1));
        if (updated != 1) {
            throw new IllegalStateException("journey " + execution.getProcessInstanceId() + " (" + key
                    + ") has no person");
        }
    }
}
