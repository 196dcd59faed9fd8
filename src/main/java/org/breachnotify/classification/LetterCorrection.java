package org.breachnotify.classification;

import org.breachnotify.register.Group;

/**
 * What happens to a person's letter when classification changes their group: the letter's side of a group change,
 * implemented where letters live, so classification knows nothing of letters or journeys.
 */
public interface LetterCorrection {

    /** How a letter was corrected. */
    enum Correction { NONE, REGROUPED, CORRECTIVE_JOURNEY }

    /**
     * A letter not printed yet changes group in place; a printed one is followed by a corrective letter, unless the
     * person already has a letter for the new group (nobody gets two letters for the same group and version).
     */
    Correction groupChanged(long campaignId, long personId, Group group);
}
