package org.breachnotify.campaign;

import static org.breachnotify.engine.ProcessVariables.PERSON_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records how a person's journey ended (the end event's id), which the campaign's progress check counts. A person
 * whose corrective journey still runs is not done yet: the person counts open journeys.
 */
@Component
public class RecordJourneyEndListener implements ExecutionListener {
    private final JdbcTemplate jdbc;

    public RecordJourneyEndListener(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void notify(DelegateExecution execution) {
        jdbc.update("""
                update person set open_journeys = open_journeys - 1, journey_outcome = ?,
                                  journey_ended_at = case when open_journeys = 1 then now() end,
                                  stage = case when open_journeys = 1 then 'ENDED' else stage end
                where id = ?""", execution.getCurrentActivityId(), PERSON_ID.get(execution));
    }
}
