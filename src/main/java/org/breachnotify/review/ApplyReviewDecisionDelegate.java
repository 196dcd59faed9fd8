package org.breachnotify.review;

import static org.breachnotify.engine.ProcessVariables.DECISION;
import static org.breachnotify.engine.ProcessVariables.LINKED_PERSON_ID;
import static org.breachnotify.engine.ProcessVariables.REVIEW_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class ApplyReviewDecisionDelegate implements JavaDelegate {
    private final ReviewService reviews;

    public ApplyReviewDecisionDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object linked = execution.getVariable(LINKED_PERSON_ID.name());
        // Forms submit numbers as Long or as String depending on the field type; accept both.
        Long personId = linked == null || linked.toString().isBlank() ? null : Long.valueOf(linked.toString());
        reviews.decide(REVIEW_ID.get(execution), DECISION.get(execution), personId);
    }
}
