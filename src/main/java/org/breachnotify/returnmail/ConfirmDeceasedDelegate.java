package org.breachnotify.returnmail;

import static org.breachnotify.engine.ProcessVariables.DECEASED_CONFIRMED;
import static org.breachnotify.engine.ProcessVariables.PERSON_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class ConfirmDeceasedDelegate implements JavaDelegate {
    private final ReturnHandlingService returns;

    public ConfirmDeceasedDelegate(ReturnHandlingService returns) {
        this.returns = returns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DECEASED_CONFIRMED.set(execution, returns.confirmDeceased(PERSON_ID.get(execution)));
    }
}
