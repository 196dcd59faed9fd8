package org.breachnotify.campaign;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings a new campaign gets unless the request says otherwise ({@code breachnotify.campaign-defaults.*}). They
 * keep the ranges of {@link CampaignSettings#check()}: a default outside them stops the application at start-up
 * (that the template set exists is checked by {@link CampaignService}).
 */
@ConfigurationProperties("breachnotify.campaign-defaults")
public record CampaignDefaults(String roundInterval, String returnWindow, int batchSize, String batchMaxWait,
                               String letterTemplates) {

    public CampaignDefaults {
        new CampaignSettings(roundInterval, returnWindow, batchSize, batchMaxWait,
                letterTemplates == null ? CampaignSettings.DEFAULT_LETTER_TEMPLATES : letterTemplates).check();
    }

    public CampaignSettings toSettings() {
        return new CampaignSettings(roundInterval, returnWindow, batchSize, batchMaxWait,
                letterTemplates == null ? CampaignSettings.DEFAULT_LETTER_TEMPLATES : letterTemplates);
    }
}
