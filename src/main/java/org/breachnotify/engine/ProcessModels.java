package org.breachnotify.engine;

/** Process and task ids of the models in {@code bpmn/}. */
public final class ProcessModels {
    public static final String CAMPAIGN = "campaign";
    public static final String PARTICIPANT = "participant";
    public static final String MATCH_REVIEW = "matchReview";

    /** Where a journey waits for the print house's posting, and then for a return or the window's end. */
    public static final String TASK_WAIT_FOR_POSTING = "Task_WaitForPosting";
    public static final String TASK_WAIT_FOR_RETURN = "Task_WaitForReturn";
    public static final String TASK_REVIEW_MATCH = "Task_ReviewMatch";
    public static final String TASK_RESOLVE_RETURNED_LETTER = "Task_ResolveReturnedLetter";

    /** Candidate group of Task_ResolveReturnedLetter: {@code Role.HELPDESK}. */
    public static final String HELPDESK_GROUP = "helpdesk";
    /** Candidate group of Task_ReviewMatch: {@code Role.PRIVACY_OFFICER}. */
    public static final String PRIVACY_OFFICER_GROUP = "privacy-officers";

    private ProcessModels() {
    }
}
