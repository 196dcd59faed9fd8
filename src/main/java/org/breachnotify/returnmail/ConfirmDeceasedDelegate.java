package org.breachnotify.returnmail;

import static org.breachnotify.engine.ProcessVariables.DECEASED_CONFIRMED;

import org.breachnotify.engine.JourneyKeys;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class ConfirmDeceasedDelegate implements JavaDelegate {
    private final ReturnHandlingService returns;
    private final JourneyKeys journeys;

    public ConfirmDeceasedDelegate(ReturnHandlingService returns, JourneyKeys journeys) {
        this.returns = returns;
        this.journeys = journeys;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DECEASED_CONFIRMED.set(execution, returns.confirmDeceased(journeys.personOf(execution)));
    }
}
