package org.breachnotify.classification;

import static org.breachnotify.engine.ProcessVariables.GROUP;
import static org.breachnotify.engine.ProcessVariables.PERSON_ID;

import org.breachnotify.register.Group;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class RecordGroupDelegate implements JavaDelegate {
    private final ClassificationService classification;

    public RecordGroupDelegate(ClassificationService classification) {
        this.classification = classification;
    }

    @Override
    public void execute(DelegateExecution execution) {
        classification.recordGroup(PERSON_ID.get(execution), Group.valueOf(GROUP.get(execution)));
    }
}
