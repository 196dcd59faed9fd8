package org.breachnotify.journey;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Records how a person's journey ended (the end event's id), which the campaign's progress check counts. A person
 * whose corrective journey still runs is not done yet: the person counts open journeys. The person is found by the
 * journey's business key, {@code <campaign code>/<participant id>}; no variable is read.
 */
@Component
public class RecordJourneyEndListener implements ExecutionListener {
    private final Journeys journeys;

    public RecordJourneyEndListener(Journeys journeys) {
        this.journeys = journeys;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        int slash = key.indexOf('/');
        int updated = journeys.recordEnd(key.substring(0, slash), key.substring(slash + 1),
                execution.getCurrentActivityId());
        if (updated != 1) {
            throw new IllegalStateException("journey " + execution.getProcessInstanceId() + " (" + key
                    + ") has no person");
        }
    }
}
