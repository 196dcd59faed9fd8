package org.breachnotify.matching;

/** Where a leaked record stands in matching (FORMATS.md, "Matching a leaked record to the register"). */
public enum MatchStatus {
    NEW, LINKED, PROBABLE, CONFLICT, AMBIGUOUS, UNLINKED, LINKED_BY_STAFF, DISMISSED;

    /** Statuses that tie a record to a person for classification. */
    public static final String LINKED_STATUSES = "('LINKED','PROBABLE','LINKED_BY_STAFF')";
}
