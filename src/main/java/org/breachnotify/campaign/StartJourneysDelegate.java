package org.breachnotify.campaign;

import static org.breachnotify.engine.ProcessVariables.CAMPAIGN_ID;

import org.breachnotify.engine.EngineCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Queues one journey start per new person; the engine-command relay starts them in chunks. */
@Component
public class StartJourneysDelegate implements JavaDelegate {
    private final EngineCommands commands;

    public StartJourneysDelegate(EngineCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.enqueueJourneyStarts(CAMPAIGN_ID.get(execution));
    }
}
