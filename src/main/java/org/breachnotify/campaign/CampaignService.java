package org.breachnotify.campaign;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.breachnotify.engine.ProcessEngineAdapter;
import org.breachnotify.letter.LetterTemplates;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class CampaignService {
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final CampaignRepository campaigns;
    private final ProcessEngineAdapter engine;
    private final CampaignDefaults defaults;
    private final Path inboxRoot;
    private final LetterTemplates letterTemplates;

    public CampaignService(CampaignRepository campaigns, ProcessEngineAdapter engine, CampaignDefaults defaults,
                           LetterTemplates letterTemplates, @Value("${breachnotify.inbox-dir}") Path inboxRoot) {
        this.letterTemplates = letterTemplates;
        this.campaigns = campaigns;
        this.engine = engine;
        this.defaults = defaults;
        this.inboxRoot = inboxRoot;
        // the ranges are checked when the defaults are bound; whether their template set exists only now
        try {
            requireTemplates(defaults.toSettings());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("breachnotify.campaign-defaults.letter-templates: " + e.getMessage(), e);
        }
    }

    /** Creates the campaign, or answers the existing one with that code (creating is safe to repeat). */
    @Transactional
    public Campaign create(String code, String name, CampaignSettings settings) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "campaign code must be 1-40 lower-case letters, digits or '-', starting with a letter or digit");
        }
        CampaignSettings chosen = (settings == null ? defaults.toSettings() : settings).check();
        requireTemplates(chosen);
        return campaigns.findByCode(code).orElseGet(() ->
                campaigns.insert(code, name == null || name.isBlank() ? code : name,
                        chosen));
    }

    private void requireTemplates(CampaignSettings settings) {
        if (!letterTemplates.has(settings.letterTemplates(), "nl", "GROUP_1")) {
            throw new IllegalArgumentException("letterTemplates must name an existing letter template set; there is"
                    + " no template set " + settings.letterTemplates());
        }
    }

    /** Starts the campaign process unless it already runs or has completed. */
    @Transactional
    public Campaign start(long campaignId) {
        Campaign campaign = get(campaignId);
        if (campaign.status() == CampaignStatus.OPEN
                || (campaign.status() == CampaignStatus.RUNNING && !engine.isCampaignRunning(campaignId))) {
            campaigns.markRunning(campaignId, engine.startCampaign(campaignId));
            return get(campaignId);
        }
        return campaign;
    }

    public Campaign get(long campaignId) {
        return campaigns.find(campaignId)
                .orElseThrow(() -> new CampaignNotFoundException("no campaign with id " + campaignId));
    }

    public List<Campaign> all() {
        return campaigns.findAll();
    }

    public Optional<Campaign> findByCode(String code) {
        return campaigns.findByCode(code);
    }

    /** Where files for this campaign are dropped: {@code <inbox-dir>/<campaign code>/}. */
    public Path inboxOf(Campaign campaign) {
        return inboxRoot.resolve(campaign.code());
    }

    public void complete(long campaignId) {
        campaigns.markCompleted(campaignId);
    }
}
