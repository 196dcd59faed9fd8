package org.breachnotify.review;

import java.time.Instant;

/**
 * One open match review as a process manager's list shows it: which leaked record, what kind of doubt, how many
 * candidates, since when, and the Tasklist task that decides it (null until the task exists). No personal data.
 */
public record OpenReviewSummary(long reviewId, String kind, int dataset, String labRecordId, int candidates,
                                Instant createdAt, String taskId) {

    public OpenReviewSummary withTaskId(String taskId) {
        return new OpenReviewSummary(reviewId, kind, dataset, labRecordId, candidates, createdAt, taskId);
    }
}
