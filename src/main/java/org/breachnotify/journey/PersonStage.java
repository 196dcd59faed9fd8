package org.breachnotify.journey;

import org.breachnotify.register.Group;

/**
 * Where a person is in the campaign ({@code person.stage}), in the order people pass through: the campaign report
 * counts people by it. Only {@link Journeys} writes it; the database refuses any other value (Flyway V14). Each has
 * the label the campaign report shows.
 */
public enum PersonStage {
    REGISTERED("Registered, journey not started"),
    HELD("Held by an open match review"),
    RELEASED("Released by a review decision"),
    CLASSIFIED("Classified, letter being made"),
    NOT_NOTIFIED("No letter (deceased)"),
    QUEUED("Journey starting"),
    CORRECTION_QUEUED("Corrective letter queued"),
    LETTER_READY("Letter ready for a print batch"),
    EXPORTED("In a print batch"),
    POSTED("Posted"),
    RETURNED("Letter returned"),
    ENDED("Journey ended");

    private final String label;

    PersonStage(String label) {
        this.label = label;
    }

    /** The report's words for it, for process managers. */
    public String label() {
        return label;
    }

    /** Where classification puts someone whose journey has not started, by the group it decided. */
    public static PersonStage classifiedAs(Group group) {
        return switch (group) {
            case HELD_FOR_REVIEW -> HELD;
            case NOT_NOTIFIED_DECEASED -> NOT_NOTIFIED;
            default -> CLASSIFIED;
        };
    }
}
