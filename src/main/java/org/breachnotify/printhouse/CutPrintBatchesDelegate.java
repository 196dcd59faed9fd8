package org.breachnotify.printhouse;

import static org.breachnotify.engine.ProcessVariables.CAMPAIGN_ID;

import org.breachnotify.campaign.CampaignService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class CutPrintBatchesDelegate implements JavaDelegate {
    private final PrintBatchService batches;
    private final CampaignService campaigns;

    public CutPrintBatchesDelegate(PrintBatchService batches, CampaignService campaigns) {
        this.batches = batches;
        this.campaigns = campaigns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        batches.cutAndDeliver(campaigns.get(CAMPAIGN_ID.get(execution)));
    }
}
