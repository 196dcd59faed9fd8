package org.breachnotify.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;

import java.util.Map;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.intake.FileType;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The outbox relay: exactly once, and one bad command never holds up the rest of its chunk. */
@ProcessTestContext
class EngineCommandRelayTest {
    @Autowired
    CampaignFixture fixture;
    @Autowired
    EngineCommands commands;
    @Autowired
    EngineCommandRelay relay;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCommandTheEngineRefusesIsRetriedLaterWhileTheOthersInItsChunkGoThrough() {
        Campaign campaign = fixture.newCampaign();
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", PARTICIPANTS_HEADER,
                participant("P-1", TestBsn.valid(41), "Berg", "1968-04-12", "1012 AB", "false", null),
                participant("P-2", TestBsn.valid(42), "Smit", "1970-01-01", "1012 AB", "false", null));
        long first = fixture.personId(campaign, "P-1");
        long second = fixture.personId(campaign, "P-2");
        // A "letter posted" for a person whose journey has not started cannot be delivered.
        commands.enqueue(EngineCommandKind.LETTER_POSTED, campaign.id(), first, "LTR-NONE", null);
        commands.enqueue(EngineCommandKind.START_JOURNEY, campaign.id(), second, null, null);

        relay.relayAll();

        assertThat(fixture.journeyOf(second)).isNotNull();
        Map<String, Object> failed = jdbc.queryForMap("""
                select attempts, last_error, done_at, next_attempt_at > now() later
                from engine_command where campaign_id = ? and kind = 'LETTER_POSTED'""", campaign.id());
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat(failed.get("done_at")).isNull();
        assertThat(failed.get("later")).isEqualTo(true);
        assertThat((String) failed.get("last_error")).isNotBlank();
        assertThat(commands.pending(campaign.id())).isEqualTo(1);

        relay.relayAll();
        assertThat(fixture.journeysOf(second)).hasSize(1);
    }
}
