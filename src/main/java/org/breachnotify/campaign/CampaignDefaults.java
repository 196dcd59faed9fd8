package org.breachnotify.campaign;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings a new campaign gets unless the request says otherwise ({@code breachnotify.campaign-defaults.*}). */
@ConfigurationProperties("breachnotify.campaign-defaults")
public record CampaignDefaults(String roundInterval, String returnWindow, int batchSize, String batchMaxWait,
                               String letterTemplates) {

    public CampaignSettings toSettings() {
        return new CampaignSettings(roundInterval, returnWindow, batchSize, batchMaxWait,
                letterTemplates == null ? CampaignSettings.DEFAULT_LETTER_TEMPLATES : letterTemplates);
    }
}
