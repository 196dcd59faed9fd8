package org.breachnotify.engine;

import org.breachnotify.platform.EmbeddedPostgresConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** A single node owns the embedded database, so jobs it locked before a restart are its own to release. */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoExternalDatabase.class)
class EmbeddedDatabaseJobLocks {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseJobLocks.class);

    @Bean
    ApplicationListener<ApplicationStartedEvent> releaseJobLocksOfEarlierRuns(ProcessEngineAdapter engine) {
        return event -> {
            int released = engine.releaseJobsLockedByEarlierRuns();
            if (released > 0) {
                log.info("Released {} jobs still locked by the previous run", released);
            }
        };
    }
}
