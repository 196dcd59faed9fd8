package org.breachnotify.letter;

import java.time.LocalDate;

import org.breachnotify.register.Address;
import org.breachnotify.register.Group;

/**
 * Everything printed on one letter. Deliberately holds no BSN or birth date: what is not here cannot be printed.
 * Kept with the letter in the archive, so the letter can be regenerated exactly as it was printed.
 *
 * @param language           {@code nl} or {@code en}
 * @param templateVersion    template set version, e.g. {@code v1}
 * @param lookupReference    the code the recipient enters, together with the letter id, to check the letter is genuine
 * @param corrective         a corrective letter for a changed group, which names the letter it corrects
 * @param previousLetterId   for a corrective letter: the id of the earlier letter
 * @param previousLetterDate for a corrective letter: the date of the earlier letter
 * @param addressLayout      the rules the address block is written by
 */
public record LetterContent(String letterId, Group group, String language, String templateVersion,
                            String initials, String surnamePrefix, String surname, Address address,
                            LocalDate letterDate, String lookupReference, boolean corrective,
                            String previousLetterId, LocalDate previousLetterDate, AddressLayout addressLayout) {

    /** A letter made now: its address block follows the current rules. */
    public LetterContent(String letterId, Group group, String language, String templateVersion, String initials,
                         String surnamePrefix, String surname, Address address, LocalDate letterDate,
                         String lookupReference, boolean corrective, String previousLetterId,
                         LocalDate previousLetterDate) {
        this(letterId, group, language, templateVersion, initials, surnamePrefix, surname, address, letterDate,
                lookupReference, corrective, previousLetterId, previousLetterDate, AddressLayout.CURRENT);
    }

    /** A letter for the person's group (a first letter or a remail). */
    public LetterContent(String letterId, Group group, String language, String templateVersion, String initials,
                         String surnamePrefix, String surname, Address address, LocalDate letterDate,
                         String lookupReference) {
        this(letterId, group, language, templateVersion, initials, surnamePrefix, surname, address, letterDate,
                lookupReference, false, null, null);
    }

    /** The same letter for another group (a letter not printed yet whose person's group changed). */
    public LetterContent withGroup(Group newGroup) {
        return new LetterContent(letterId, newGroup, language, templateVersion, initials, surnamePrefix, surname, address,
                letterDate, lookupReference, corrective, previousLetterId, previousLetterDate, addressLayout);
    }
}
