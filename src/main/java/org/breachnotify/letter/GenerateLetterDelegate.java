package org.breachnotify.letter;

import static org.breachnotify.engine.ProcessVariables.CORRECTIVE;
import static org.breachnotify.engine.ProcessVariables.LETTER_ID;

import org.breachnotify.engine.JourneyKeys;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Writes a letter from within a journey: a remail, a corrective letter, or a first letter the campaign's bulk
 * composition could not make. A letter that cannot be printed fails the job; after its retries it is an incident on
 * the journey that names the reason.
 */
@Component
public class GenerateLetterDelegate implements JavaDelegate {
    private final LetterService letters;
    private final JourneyKeys journeys;

    public GenerateLetterDelegate(LetterService letters, JourneyKeys journeys) {
        this.letters = letters;
        this.journeys = journeys;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LETTER_ID.set(execution, letters.generate(journeys.personOf(execution),
                Boolean.TRUE.equals(execution.getVariable(CORRECTIVE.name())), execution.getProcessInstanceId()));
    }
}
