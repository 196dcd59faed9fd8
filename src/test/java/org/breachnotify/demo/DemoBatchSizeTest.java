package org.breachnotify.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoBatchSizeTest {
    /** breachnotify.campaign-defaults.batch-size */
    private static final int CAMPAIGN_BATCH = 5_000;

    @Test
    void theConfiguredSizeHoldsForASmallDemoALargeOneCutsTwentyBatchesOfAtMostFiveThousand() {
        assertThat(DemoCampaign.batchSize(demo(2_000, 500), CAMPAIGN_BATCH)).isEqualTo(500);
        assertThat(DemoCampaign.batchSize(demo(20_000, 500), CAMPAIGN_BATCH)).isEqualTo(1_000);
        assertThat(DemoCampaign.batchSize(demo(100_000, 500), CAMPAIGN_BATCH)).isEqualTo(5_000);
        assertThat(DemoCampaign.batchSize(demo(941_000, 500), CAMPAIGN_BATCH)).isEqualTo(5_000);
        assertThat(DemoCampaign.batchSize(demo(2_000, 800), CAMPAIGN_BATCH)).as("a larger configured size").isEqualTo(800);
    }

    private static DemoProperties demo(int people, int batchSize) {
        return new DemoProperties(true, people, "demo", "PT5S", "PT3M", batchSize, "PT15S", Duration.ofSeconds(5));
    }
}
