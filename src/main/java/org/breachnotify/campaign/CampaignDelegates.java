package org.breachnotify.campaign;

import static org.breachnotify.engine.ProcessVariables.CAMPAIGN_DONE;
import static org.breachnotify.engine.ProcessVariables.CAMPAIGN_ID;

import org.breachnotify.engine.EngineCommands;
import org.breachnotify.intake.InboxService;
import org.breachnotify.matching.MatchingService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The thin service-task delegates of the campaign process: each reads the campaign id and calls one service. */
@Configuration(proxyBeanMethods = false)
class CampaignDelegates {

    @Bean
    JavaDelegate readInboxDelegate(InboxService inbox, CampaignService campaigns) {
        return execution -> {
            Campaign campaign = campaigns.get(CAMPAIGN_ID.get(execution));
            inbox.importNewFiles(campaign.id(), campaigns.inboxOf(campaign));
        };
    }

    @Bean
    JavaDelegate matchRecordsDelegate(MatchingService matching) {
        return execution -> matching.matchNewRecords(CAMPAIGN_ID.get(execution));
    }

    @Bean
    JavaDelegate startJourneysDelegate(EngineCommands commands) {
        return execution -> commands.enqueueJourneyStarts(CAMPAIGN_ID.get(execution));
    }

    @Bean
    JavaDelegate checkCampaignProgressDelegate(CampaignProgress progress) {
        return execution -> CAMPAIGN_DONE.set(execution, progress.isDone(CAMPAIGN_ID.get(execution)));
    }
}
