package org.breachnotify.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code breachnotify.demo.*}: the synthetic campaign that runs on start-up unless disabled. */
@ConfigurationProperties("breachnotify.demo")
public record DemoProperties(boolean enabled, int people, String campaignCode, String roundInterval,
                             String returnWindow, int batchSize, String batchMaxWait, Duration printHousePollInterval) {
}
