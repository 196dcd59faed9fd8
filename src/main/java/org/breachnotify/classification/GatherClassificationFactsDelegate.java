package org.breachnotify.classification;

import static org.breachnotify.engine.ProcessVariables.DECEASED;
import static org.breachnotify.engine.ProcessVariables.GP_SMEAR_BEFORE_2017;
import static org.breachnotify.engine.ProcessVariables.HELD_FOR_REVIEW;
import static org.breachnotify.engine.ProcessVariables.LINKED_DATASET;
import static org.breachnotify.engine.ProcessVariables.PERSON_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Hands the decision its inputs as transient variables: they feed the DMN but never reach engine history. */
@Component
public class GatherClassificationFactsDelegate implements JavaDelegate {
    private final ClassificationService classification;

    public GatherClassificationFactsDelegate(ClassificationService classification) {
        this.classification = classification;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ClassificationFacts facts = classification.factsFor(PERSON_ID.get(execution));
        DECEASED.setTransient(execution, facts.deceased());
        HELD_FOR_REVIEW.setTransient(execution, facts.heldForReview());
        LINKED_DATASET.setTransient(execution, facts.linkedDataset());
        GP_SMEAR_BEFORE_2017.setTransient(execution, facts.gpSmearBefore2017());
    }
}
