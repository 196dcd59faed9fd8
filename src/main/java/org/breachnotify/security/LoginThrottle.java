package org.breachnotify.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows failed logins per client address, in front of the engine's own per-user delay. An address may fail
 * {@code freeFailures} times; each failure after that blocks it for twice as long as the one before, from one second
 * up to {@code maxDelay}. A success from the address forgives its failures; an address that stops failing is
 * forgotten after {@code memory}. Memory is bounded ({@code maxAddresses} most recent addresses), so a flood of
 * addresses cannot exhaust the heap; each node keeps its own count.
 */
public class LoginThrottle {
    private final int freeFailures;
    private final Duration maxDelay;
    private final Clock clock;
    private final Cache<String, Failures> failures;

    public LoginThrottle(int freeFailures, Duration maxDelay, Duration memory, long maxAddresses, Clock clock) {
        this.freeFailures = freeFailures;
        this.maxDelay = maxDelay;
        this.clock = clock;
        this.failures = Caffeine.newBuilder().expireAfterWrite(memory).maximumSize(maxAddresses).build();
    }

    /** How long the address must still wait before its next login attempt is heard; empty when it may try now. */
    public Optional<Duration> blockedFor(String address) {
        Failures f = failures.getIfPresent(address);
        if (f == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), f.blockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    public void recordFailure(String address) {
        Instant now = clock.instant();
        failures.asMap().compute(address, (a, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            return new Failures(count, now.plus(delayAfter(count)));
        });
    }

    public void recordSuccess(String address) {
        failures.invalidate(address);
    }

    Duration delayAfter(int failureCount) {
        int over = failureCount - freeFailures;
        if (over <= 0) {
            return Duration.ZERO;
        }
        long seconds = over >= 30 ? Long.MAX_VALUE : 1L << (over - 1);
        return seconds >= maxDelay.toSeconds() ? maxDelay : Duration.ofSeconds(seconds);
    }

    private record Failures(int count, Instant blockedUntil) {
    }
}
