package org.breachnotify.returnmail;

import static org.breachnotify.engine.ProcessVariables.NEW_ADDRESS_FOUND;
import static org.breachnotify.engine.ProcessVariables.PERSON_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class LookUpCurrentAddressDelegate implements JavaDelegate {
    private final ReturnHandlingService returns;

    public LookUpCurrentAddressDelegate(ReturnHandlingService returns) {
        this.returns = returns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NEW_ADDRESS_FOUND.set(execution, returns.adoptNewAddressForRemail(PERSON_ID.get(execution)));
    }
}
