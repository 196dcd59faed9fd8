package org.breachnotify.letter;

import org.breachnotify.classification.LetterCorrection;
import org.breachnotify.engine.EngineCommands;
import org.breachnotify.register.Group;
import org.springframework.stereotype.Component;

/** The letter's side of a group change (see {@link LetterCorrection}): regroup, or queue a corrective journey. */
@Component
class LetterCorrections implements LetterCorrection {
    private final LetterService letters;
    private final EngineCommands commands;

    LetterCorrections(LetterService letters, EngineCommands commands) {
        this.letters = letters;
        this.commands = commands;
    }

    @Override
    public Correction groupChanged(long campaignId, long personId, Group group) {
        if (letters.hasLiveLetterFor(personId, group)) {
            return Correction.NONE;
        }
        if (letters.regroupUnprinted(personId, group)) {
            return Correction.REGROUPED;
        }
        commands.enqueueCorrectiveJourney(campaignId, personId, group.name());
        return Correction.CORRECTIVE_JOURNEY;
    }
}
