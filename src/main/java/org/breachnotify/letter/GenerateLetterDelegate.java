package org.breachnotify.letter;

import static org.breachnotify.engine.ProcessVariables.CORRECTIVE;
import static org.breachnotify.engine.ProcessVariables.LETTER_ID;
import static org.breachnotify.engine.ProcessVariables.PERSON_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class GenerateLetterDelegate implements JavaDelegate {
    private final LetterService letters;

    public GenerateLetterDelegate(LetterService letters) {
        this.letters = letters;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LETTER_ID.set(execution, letters.generate(PERSON_ID.get(execution),
                Boolean.TRUE.equals(CORRECTIVE.get(execution))));
    }
}
