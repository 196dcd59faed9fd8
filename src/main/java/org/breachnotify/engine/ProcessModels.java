package org.breachnotify.engine;

/** Process, message and task ids of the models in {@code bpmn/}. */
public final class ProcessModels {
    public static final String CAMPAIGN = "campaign";
    public static final String PARTICIPANT = "participant";
    public static final String MATCH_REVIEW = "matchReview";

    public static final String MSG_LETTER_POSTED = "Msg_LetterPosted";
    public static final String MSG_LETTER_RETURNED = "Msg_LetterReturned";

    public static final String TASK_REVIEW_MATCH = "Task_ReviewMatch";
    public static final String TASK_RESOLVE_RETURNED_LETTER = "Task_ResolveReturnedLetter";

    public static final String STAFF_GROUP = "helpdesk";
    public static final String MANAGER_GROUP = "managers";

    private ProcessModels() {
    }
}
