package org.breachnotify.engine;

/** Process, message and task ids of the models in {@code bpmn/}. */
public final class ProcessModels {
    public static final String CAMPAIGN = "campaign";
    public static final String PARTICIPANT = "participant";
    public static final String MATCH_REVIEW = "matchReview";

    public static final String MSG_LETTER_POSTED = "Msg_LetterPosted";
    public static final String MSG_LETTER_RETURNED = "Msg_LetterReturned";
    public static final String MSG_RETURN_WINDOW_CLOSED = "Msg_ReturnWindowClosed";

    public static final String TASK_REVIEW_MATCH = "Task_ReviewMatch";
    public static final String TASK_RESOLVE_RETURNED_LETTER = "Task_ResolveReturnedLetter";

    /** Candidate group of Task_ResolveReturnedLetter: {@code Role.HELPDESK}. */
    public static final String HELPDESK_GROUP = "helpdesk";
    /** Candidate group of Task_ReviewMatch: {@code Role.PRIVACY_OFFICER}. */
    public static final String PRIVACY_OFFICER_GROUP = "privacy-officers";

    private ProcessModels() {
    }
}
