package org.breachnotify.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.breachnotify.support.CampaignFixture.participant;

import io.micrometer.core.instrument.MeterRegistry;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.classification.ClassificationService;
import org.breachnotify.campaign.JourneyStarts;
import org.breachnotify.matching.MatchingService;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The per-node count of jobs done: a job counts once it has committed, never while it fails. */
@ProcessTestContext
class JobsDoneCounterTest {
    @Autowired
    CampaignFixture fixture;
    @Autowired
    MatchingService matching;
    @Autowired
    ClassificationService classification;
    @Autowired
    JourneyStarts journeyStarts;
    @Autowired
    EngineCommandRelay relay;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void aFailingJobIsNotCountedAndCountsOnceItSucceeds() {
        Campaign campaign = fixture.newCampaign();
        fixture.register(campaign, participant("J-1", TestBsn.valid(81), "Visser", "1980-02-01", "1234 AB", "true",
                null));
        long person = fixture.personId(campaign, "J-1");
        // the letter font has no Han glyphs: the bulk composition skips the person, the journey's job fails
        jdbc.update("update person set surname = ? where id = ?", "\u738b", person);
        matching.matchNewRecords(campaign.id());
        classification.classifyPending(campaign.id());
        journeyStarts.composeAndQueue(campaign.id());
        relay.relayAll();
        Job job = management.createJobQuery().processInstanceId(fixture.journeyOf(person).getId()).singleResult();
        double before = count();

        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("surname");
        assertThat(count()).isEqualTo(before);

        jdbc.update("update person set surname = 'Visser' where id = ?", person);
        management.executeJob(job.getId());
        assertThat(count()).isEqualTo(before + 1);
        assertThat(fixture.lettersOf(person)).hasSize(1);
    }

    private double count() {
        return meters.get(JobsDoneCounter.METRIC).counter().count();
    }
}
