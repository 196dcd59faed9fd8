package org.breachnotify.engine;

import org.breachnotify.register.Group;

/**
 * Every process variable the models use. Only ids and small routing facts: no names, addresses, BSNs or documents.
 */
public final class ProcessVariables {
    public static final Var<Long> CAMPAIGN_ID = new Var<>("campaignId", Long.class);
    public static final Var<Boolean> CAMPAIGN_DONE = new Var<>("campaignDone", Boolean.class);

    public static final Var<Group> GROUP = Var.ofEnum("group", Group.class);
    /** The journey writes a corrective letter: the person's group changed after an earlier letter was sent. */
    public static final Var<Boolean> CORRECTIVE = new Var<>("corrective", Boolean.class);
    public static final Var<String> LETTER_ID = new Var<>("letterId", String.class);
    /** A return-mail reason code (FORMATS.md, {@code returnmail.ReturnReason}), as the outbox row carries it. */
    public static final Var<String> RETURN_REASON = new Var<>("returnReason", String.class);
    /**
     * Which signal ended the wait for a return ({@link JourneySignal#RETURNED} or {@link JourneySignal#WINDOW_CLOSED}):
     * transient, set with the signal and read by the gateway right after it, never stored.
     */
    public static final Var<JourneySignal> WAIT_OUTCOME = Var.ofEnum("waitOutcome", JourneySignal.class);
    public static final Var<Boolean> NEW_ADDRESS_FOUND = new Var<>("newAddressFound", Boolean.class);
    public static final Var<Boolean> DECEASED_CONFIRMED = new Var<>("deceasedConfirmed", Boolean.class);
    public static final Var<String> RESOLUTION = new Var<>("resolution", String.class);

    /** Inputs of the classifyPerson decision (evaluated per distinct combination, never stored). */
    public static final Var<Boolean> DECEASED = new Var<>("deceased", Boolean.class);
    public static final Var<Boolean> HELD_FOR_REVIEW = new Var<>("heldForReview", Boolean.class);
    public static final Var<Integer> LINKED_DATASET = new Var<>("linkedDataset", Integer.class);
    public static final Var<Boolean> GP_SMEAR_BEFORE_2017 = new Var<>("gpSmearBefore2017", Boolean.class);

    public static final Var<Long> REVIEW_ID = new Var<>("reviewId", Long.class);
    public static final Var<String> DECISION = new Var<>("decision", String.class);
    public static final Var<Long> LINKED_PERSON_ID = new Var<>("linkedPersonId", Long.class);

    private ProcessVariables() {
    }
}
