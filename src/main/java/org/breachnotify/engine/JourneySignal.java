package org.breachnotify.engine;

/**
 * News from outside that a journey waits for, and where it waits: the print house posted the letter, the post office
 * returned it, or the campaign closed its return window. Each continues the journey at a receive task without a
 * message (ADR 13): the relay signals the journey's own execution, found by the process instance id the letter
 * records. The second wait ends either way; the transient variable {@link ProcessVariables#WAIT_OUTCOME} (this
 * signal's name) tells the gateway "Returned within the return window?" which.
 */
public enum JourneySignal {
    POSTED(ProcessModels.TASK_WAIT_FOR_POSTING, "Msg_LetterPosted"),
    RETURNED(ProcessModels.TASK_WAIT_FOR_RETURN, "Msg_LetterReturned"),
    WINDOW_CLOSED(ProcessModels.TASK_WAIT_FOR_RETURN, "Msg_ReturnWindowClosed");

    private final String waitsAt;
    private final String messageOfEarlierModels;

    JourneySignal(String waitsAt, String messageOfEarlierModels) {
        this.waitsAt = waitsAt;
        this.messageOfEarlierModels = messageOfEarlierModels;
    }

    /** The receive task of {@code participant.bpmn} where a journey waits for this signal. */
    public String waitsAt() {
        return waitsAt;
    }

    /**
     * The message that journeys started on a model before the signals (participant versions up to the one of
     * 2026-11-30, still waiting in a message subscription) receive instead.
     */
    String messageOfEarlierModels() {
        return messageOfEarlierModels;
    }
}
