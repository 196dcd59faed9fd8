package org.breachnotify.campaign;

import org.breachnotify.engine.EngineCommands;
import org.breachnotify.intake.InboxService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Decides whether a campaign is done: people registered, every journey ended, nothing left to do. */
@Service
public class CampaignProgress {
    private final JdbcTemplate jdbc;
    private final EngineCommands commands;
    private final InboxService inbox;
    private final CampaignService campaigns;

    public CampaignProgress(JdbcTemplate jdbc, EngineCommands commands, InboxService inbox, CampaignService campaigns) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.inbox = inbox;
        this.campaigns = campaigns;
    }

    public boolean isDone(long campaignId) {
        Campaign campaign = campaigns.get(campaignId);
        Boolean journeysDone = jdbc.queryForObject("""
                select count(*) > 0 and count(*) filter (where journey_ended_at is null) = 0
                       and not exists (select 1 from match_review where campaign_id = ? and status = 'OPEN')
                       and not exists (select 1 from leaked_record where campaign_id = ? and match_status = 'NEW')
                from person where campaign_id = ?""", Boolean.class, campaignId, campaignId, campaignId);
        boolean done = Boolean.TRUE.equals(journeysDone) && commands.pending(campaignId) == 0
                && inbox.waiting(campaigns.inboxOf(campaign)) == 0;
        if (done) {
            campaigns.complete(campaignId);
        }
        return done;
    }
}
