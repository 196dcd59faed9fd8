package org.breachnotify.classification;

import static org.breachnotify.engine.ProcessVariables.CAMPAIGN_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class ClassifyPeopleDelegate implements JavaDelegate {
    private final ClassificationService classification;

    public ClassifyPeopleDelegate(ClassificationService classification) {
        this.classification = classification;
    }

    @Override
    public void execute(DelegateExecution execution) {
        classification.classifyPending(CAMPAIGN_ID.get(execution));
    }
}
