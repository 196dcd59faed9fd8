package org.breachnotify.engine;

/** What the relay asks the engine to do for one outbox row. */
public enum EngineCommandKind {
    START_JOURNEY, START_REVIEW, REVIEW_DECIDED, LETTER_POSTED, LETTER_RETURNED
}
