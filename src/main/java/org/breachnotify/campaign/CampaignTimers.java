package org.breachnotify.campaign;

import org.springframework.stereotype.Component;

/**
 * Timer values for the BPMN models, per campaign: {@code ${campaignSettings.roundInterval(campaignId)}}.
 */
@Component("campaignSettings")
public class CampaignTimers {
    private final CampaignRepository campaigns;

    public CampaignTimers(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    public String roundInterval(Long campaignId) {
        return settings(campaignId).roundInterval();
    }

    private CampaignSettings settings(Long campaignId) {
        return campaigns.find(campaignId).orElseThrow(
                () -> new CampaignNotFoundException("no campaign with id " + campaignId)).settings();
    }
}
