package org.breachnotify.campaign;

import static org.breachnotify.engine.ProcessVariables.CAMPAIGN_ID;

import org.breachnotify.engine.EngineCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Closes the return windows that are due, for the whole campaign at once: no timer per person. The relay delivers
 * the "return window closed" messages many per engine command.
 */
@Component
public class CloseReturnWindowsDelegate implements JavaDelegate {
    private final EngineCommands commands;

    public CloseReturnWindowsDelegate(EngineCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.enqueueDueWindowCloses(CAMPAIGN_ID.get(execution));
    }
}
