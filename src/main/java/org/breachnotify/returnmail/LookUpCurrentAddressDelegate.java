package org.breachnotify.returnmail;

import static org.breachnotify.engine.ProcessVariables.NEW_ADDRESS_FOUND;

import org.breachnotify.engine.JourneyKeys;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class LookUpCurrentAddressDelegate implements JavaDelegate {
    private final ReturnHandlingService returns;
    private final JourneyKeys journeys;

    public LookUpCurrentAddressDelegate(ReturnHandlingService returns, JourneyKeys journeys) {
        this.returns = returns;
        this.journeys = journeys;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NEW_ADDRESS_FOUND.set(execution, returns.adoptNewAddressForRemail(journeys.personOf(execution)));
    }
}
