package org.breachnotify.campaign;

import java.util.List;
import java.util.Map;
import org.breachnotify.intake.ImportProgress;

/**
 * The campaign at a glance, for process managers (GET /api/campaigns/{id}/report): counts, and the latest
 * {@link #FILES_LISTED} imported files, so that its size does not grow with the campaign.
 */
public record CampaignReport(long campaignId, String code, String name, String status, long participants,
                             long rejectedRows, Map<String, Long> groups, Letters letters, long openTasks,
                             Map<String, Long> openTasksByKind, Matching matching, Journeys journeys,
                             Map<String, Long> returnsByReason, Batches batches, EngineCommandBacklog engineCommands,
                             long fileCount, List<ImportedFile> files,
                             List<ImportProgress.Snapshot> importsInProgress) {
    /** The report lists at most this many files, the latest; {@code fileCount} counts them all. */
    public static final int FILES_LISTED = 1_000;

    public record Letters(long generated, long exported, long posted, long returned, long remailed, long corrective) {
    }

    public record Matching(long leakedRecords, long linkedByBsn, long probable, long conflicts,
                           long unlinkedWithCandidates, long unlinkedWithoutCandidates, long linkedByStaff,
                           long dismissed, long openReviews) {
    }

    /**
     * {@code byStage}: people per stage; {@code stageLabels}: every stage, in the order people pass through them, with
     * the words the report shows for it.
     */
    public record Journeys(long started, long ended, Map<String, Long> byStage, Map<String, Long> byOutcome,
                           Map<String, String> stageLabels) {
    }

    public record Batches(long delivered, long inProgress) {
    }

    public record EngineCommandBacklog(long pending, long parked) {
    }

    public record ImportedFile(long id, String type, String fileName, String status, long read, long accepted,
                               long rejected, String message, String importedAt) {
    }
}
