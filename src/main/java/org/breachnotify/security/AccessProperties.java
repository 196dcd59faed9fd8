package org.breachnotify.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code breachnotify.security.*}.
 *
 * @param engineRest    whether the engine's REST API ({@code /engine-rest}) answers at all (administrators and process
 *                      managers, HTTP Basic); false refuses every call to it
 * @param loginThrottle failed logins per client address
 */
@ConfigurationProperties("breachnotify.security")
public record AccessProperties(@DefaultValue("true") boolean engineRest, @DefaultValue LoginThrottling loginThrottle) {

    /**
     * @param freeFailures failures an address may make before it is slowed
     * @param maxDelay     the longest an address is made to wait after a failure
     * @param memory       how long an address's failures are remembered after its last one
     * @param maxAddresses how many addresses are remembered at most (the oldest are forgotten first)
     */
    public record LoginThrottling(@DefaultValue("5") int freeFailures, @DefaultValue("PT5M") Duration maxDelay,
                                  @DefaultValue("PT1H") Duration memory, @DefaultValue("100000") long maxAddresses) {
        public LoginThrottling {
            if (freeFailures < 0 || maxDelay.isNegative() || memory.isNegative() || maxAddresses < 1) {
                throw new IllegalArgumentException("breachnotify.security.login-throttle: free-failures >= 0, "
                        + "max-delay and memory >= 0, max-addresses >= 1");
            }
        }
    }
}
