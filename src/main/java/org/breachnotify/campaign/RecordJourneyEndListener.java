package org.breachnotify.campaign;

import static org.breachnotify.engine.ProcessVariables.PERSON_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records how a person's journey ended (the end event's id), which the campaign's progress check counts. */
@Component
public class RecordJourneyEndListener implements ExecutionListener {
    private final JdbcTemplate jdbc;

    public RecordJourneyEndListener(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void notify(DelegateExecution execution) {
        long otherJourneys = execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(execution.getProcessBusinessKey()).list().stream()
                .filter(p -> !p.getId().equals(execution.getProcessInstanceId())).count();
        if (otherJourneys > 0) {
            return; // a corrective journey of this person still runs; it records the end
        }
        jdbc.update("update person set journey_ended_at = now(), journey_outcome = ?, stage = 'ENDED' where id = ?",
                execution.getCurrentActivityId(), PERSON_ID.get(execution));
    }
}
