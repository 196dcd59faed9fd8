package org.breachnotify.engine;

/** What the relay asks the engine to do for one outbox row. */
public enum EngineCommandKind {
    START_JOURNEY, START_CORRECTIVE_JOURNEY, START_REVIEW, LETTER_POSTED, LETTER_RETURNED,
    /** The letter's return window has passed without a return: its journey ends as delivered. */
    CLOSE_RETURN_WINDOW
}
