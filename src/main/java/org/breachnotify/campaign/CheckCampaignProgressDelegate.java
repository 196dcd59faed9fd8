package org.breachnotify.campaign;

import static org.breachnotify.engine.ProcessVariables.CAMPAIGN_DONE;
import static org.breachnotify.engine.ProcessVariables.CAMPAIGN_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class CheckCampaignProgressDelegate implements JavaDelegate {
    private final CampaignProgress progress;

    public CheckCampaignProgressDelegate(CampaignProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CAMPAIGN_DONE.set(execution, progress.isDone(CAMPAIGN_ID.get(execution)));
    }
}
