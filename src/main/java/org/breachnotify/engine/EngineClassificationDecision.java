package org.breachnotify.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.breachnotify.classification.ClassificationDecision;
import org.breachnotify.classification.ClassificationFacts;
import org.breachnotify.register.Group;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/** Evaluates the deployed classifyPerson decision table through the engine's decision service. */
@Component
public class EngineClassificationDecision implements ClassificationDecision {
    static final String DECISION_KEY = "classifyPerson";

    private final DecisionService decisions;
    private final RepositoryService repository;

    public EngineClassificationDecision(DecisionService decisions, RepositoryService repository) {
        this.decisions = decisions;
        this.repository = repository;
    }

    @Override
    public Version latest() {
        DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_KEY)
                .latestVersion().singleResult();
        if (definition == null) {
            throw new IllegalStateException("decision " + DECISION_KEY + " is not deployed");
        }
        String id = definition.getKey() + ":" + definition.getVersion();
        Map<ClassificationFacts, Group> known = new ConcurrentHashMap<>();
        return new Version() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Group groupFor(ClassificationFacts facts) {
                return known.computeIfAbsent(facts, f -> {
                    String group = decisions.evaluateDecisionTableById(definition.getId())
                            .variables(Map.of(
                                    ProcessVariables.DECEASED.name(), f.deceased(),
                                    ProcessVariables.HELD_FOR_REVIEW.name(), f.heldForReview(),
                                    ProcessVariables.LINKED_DATASET.name(), f.linkedDataset(),
                                    ProcessVariables.GP_SMEAR_BEFORE_2017.name(), f.gpSmearBefore2017()))
                            .evaluate().getSingleEntry();
                    return Group.valueOf(group);
                });
            }
        };
    }
}
