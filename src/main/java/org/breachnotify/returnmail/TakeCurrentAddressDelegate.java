package org.breachnotify.returnmail;

import org.breachnotify.engine.JourneyKeys;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class TakeCurrentAddressDelegate implements JavaDelegate {
    private final ReturnHandlingService returns;
    private final JourneyKeys journeys;

    public TakeCurrentAddressDelegate(ReturnHandlingService returns, JourneyKeys journeys) {
        this.returns = returns;
        this.journeys = journeys;
    }

    @Override
    public void execute(DelegateExecution execution) {
        returns.adoptCurrentAddressOnStaffRequest(journeys.personOf(execution));
    }
}
