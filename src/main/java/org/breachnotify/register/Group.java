package org.breachnotify.register;

/** The outcome of classification: which letter a person gets, or why none (yet). */
public enum Group {
    GROUP_1, GROUP_2, GROUP_3, GROUP_4, NOT_NOTIFIED_DECEASED, HELD_FOR_REVIEW;

    public boolean getsLetter() {
        return this != NOT_NOTIFIED_DECEASED && this != HELD_FOR_REVIEW;
    }
}
