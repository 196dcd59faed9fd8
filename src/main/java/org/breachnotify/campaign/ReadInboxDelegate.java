package org.breachnotify.campaign;

import static org.breachnotify.engine.ProcessVariables.CAMPAIGN_ID;

import org.breachnotify.intake.InboxService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class ReadInboxDelegate implements JavaDelegate {
    private final InboxService inbox;
    private final CampaignService campaigns;

    public ReadInboxDelegate(InboxService inbox, CampaignService campaigns) {
        this.inbox = inbox;
        this.campaigns = campaigns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Campaign campaign = campaigns.get(CAMPAIGN_ID.get(execution));
        inbox.importNewFiles(campaign.id(), campaigns.inboxOf(campaign));
    }
}
