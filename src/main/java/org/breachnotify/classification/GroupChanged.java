package org.breachnotify.classification;

import org.breachnotify.register.Group;

/**
 * Reclassification moved a person who already has a letter into another group that gets a letter. Published
 * synchronously by {@link ClassificationService} inside the transaction of its chunk, so whatever a listener changes
 * (the letter's correction) commits or rolls back with the new group.
 *
 * @param campaignId the person's campaign
 * @param personId   our internal person id (never a BSN)
 * @param group      the new group
 */
public record GroupChanged(long campaignId, long personId, Group group) {
}
