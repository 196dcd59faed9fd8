package org.breachnotify.campaign;

public enum CampaignStatus {
    /** Created; files may be fed, nothing is sent yet. */
    OPEN,
    /** The campaign process runs its rounds. */
    RUNNING,
    /** Every person's journey has ended. */
    COMPLETED
}
