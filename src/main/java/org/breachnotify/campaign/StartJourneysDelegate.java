package org.breachnotify.campaign;

import static org.breachnotify.engine.ProcessVariables.CAMPAIGN_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Composes the first letters of new people in bulk and queues their journeys; the relay starts them in chunks. */
@Component
public class StartJourneysDelegate implements JavaDelegate {
    private final JourneyStarts journeys;

    public StartJourneysDelegate(JourneyStarts journeys) {
        this.journeys = journeys;
    }

    @Override
    public void execute(DelegateExecution execution) {
        journeys.composeAndQueue(CAMPAIGN_ID.get(execution));
    }
}
