package org.breachnotify.letter;

import org.breachnotify.classification.GroupChanged;
import org.breachnotify.engine.EngineCommands;
import org.breachnotify.journey.Journeys;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The letter's side of a group change ({@link GroupChanged}), in classification's transaction: a letter not printed
 * yet changes group in place; a printed one is followed by a corrective letter through a corrective journey, unless
 * the person already has a letter for the new group (nobody gets two letters for the same group and version).
 */
@Component
class LetterCorrections {
    private final LetterService letters;
    private final EngineCommands commands;
    private final Journeys journeys;

    LetterCorrections(LetterService letters, EngineCommands commands, Journeys journeys) {
        this.letters = letters;
        this.commands = commands;
        this.journeys = journeys;
    }

    @EventListener
    void groupChanged(GroupChanged change) {
        if (letters.hasLiveLetterFor(change.personId(), change.group())) {
            return;
        }
        if (letters.regroupUnprinted(change.personId(), change.group())) {
            return;
        }
        commands.enqueueCorrectiveJourney(change.campaignId(), change.personId(), change.group().name());
        journeys.markCorrectionQueued(change.personId());
    }
}
