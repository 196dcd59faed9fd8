package org.breachnotify.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.breachnotify.register.Group;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The six rules of bpmn/classifyPerson.dmn, each proven by a case that would also match every later rule. */
class ClassifyPersonDecisionTest {

    private static final String DECEASED = "deceased";
    private static final String HELD_FOR_REVIEW = "heldForReview";
    private static final String LINKED_DATASET = "linkedDataset";
    private static final String GP_SMEAR_BEFORE_2017 = "gpSmearBefore2017";
    private static final int NO_DATASET = 0;

    private static DmnEngine engine;
    private static DmnDecision decision;

    @BeforeAll
    static void parseDecision() throws IOException {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = ClassifyPersonDecisionTest.class.getResourceAsStream("/bpmn/classifyPerson.dmn")) {
            assertThat(in).as("bpmn/classifyPerson.dmn on the classpath").isNotNull();
            decision = engine.parseDecision("classifyPerson", in);
        }
    }

    @Test
    void deceasedPersonIsNotWrittenToWhateverElseIsTrue() {
        assertThat(classify(true, true, 1, true)).isEqualTo(Group.NOT_NOTIFIED_DECEASED);
    }

    @Test
    void personHeldByAnOpenReviewWaitsEvenWhenLinked() {
        assertThat(classify(false, true, 1, true)).isEqualTo(Group.HELD_FOR_REVIEW);
    }

    @Test
    void personLinkedToTheFirstDatasetIsGroup1EvenWithAnOldGpSmear() {
        assertThat(classify(false, false, 1, true)).isEqualTo(Group.GROUP_1);
    }

    @Test
    void personLinkedToTheSecondDatasetIsGroup2EvenWithAnOldGpSmear() {
        assertThat(classify(false, false, 2, true)).isEqualTo(Group.GROUP_2);
    }

    @Test
    void unlinkedPersonWithAGpSmearBefore2017IsGroup4() {
        assertThat(classify(false, false, NO_DATASET, true)).isEqualTo(Group.GROUP_4);
    }

    @Test
    void everyoneElseIsGroup3() {
        assertThat(classify(false, false, NO_DATASET, false)).isEqualTo(Group.GROUP_3);
    }

    private static Group classify(boolean deceased, boolean heldForReview, int linkedDataset, boolean gpSmearBefore2017) {
        DmnDecisionResult result = engine.evaluateDecision(decision, Variables.createVariables()
                .putValue(DECEASED, deceased)
                .putValue(HELD_FOR_REVIEW, heldForReview)
                .putValue(LINKED_DATASET, linkedDataset)
                .putValue(GP_SMEAR_BEFORE_2017, gpSmearBefore2017));
        // FIRST hit policy: exactly one rule answers, and its answer must be a group the code knows.
        assertThat(result).hasSize(1);
        return Group.valueOf(result.getSingleEntry());
    }
}
