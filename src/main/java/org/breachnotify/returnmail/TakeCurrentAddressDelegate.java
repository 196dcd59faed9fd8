package org.breachnotify.returnmail;

import static org.breachnotify.engine.ProcessVariables.PERSON_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class TakeCurrentAddressDelegate implements JavaDelegate {
    private final ReturnHandlingService returns;

    public TakeCurrentAddressDelegate(ReturnHandlingService returns) {
        this.returns = returns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        returns.adoptCurrentAddressOnStaffRequest(PERSON_ID.get(execution));
    }
}
