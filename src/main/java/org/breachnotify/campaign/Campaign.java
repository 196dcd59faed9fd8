package org.breachnotify.campaign;

/** A notification campaign and the timings that steer its rounds, print batches and return window. */
public record Campaign(long id, String code, String name, CampaignStatus status, CampaignSettings settings) {
}
