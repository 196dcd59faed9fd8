package org.breachnotify.classification;

import org.breachnotify.register.Group;

/**
 * The group rules, as the process manager deployed them (the {@code classifyPerson} decision table). Implemented
 * by the engine adapter; the domain only asks it for a group.
 */
public interface ClassificationDecision {

    /** The latest deployed version, fixed for one classification run. */
    Version latest();

    interface Version {
        /** {@code key:version} of the decision definition, kept with every person it classified. */
        String id();

        Group groupFor(ClassificationFacts facts);
    }
}
