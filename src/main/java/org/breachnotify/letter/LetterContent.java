package org.breachnotify.letter;

import java.time.LocalDate;

import org.breachnotify.register.Address;
import org.breachnotify.register.Group;

/**
 * Everything printed on one letter. Deliberately holds no BSN or birth date: what is not here cannot be printed.
 *
 * @param language        {@code nl} or {@code en}
 * @param templateVersion folder under {@code letters/} on the classpath, e.g. {@code v1}
 * @param lookupReference the code the recipient enters, together with the letter id, to check the letter is genuine
 */
public record LetterContent(String letterId, Group group, String language, String templateVersion,
                            String initials, String surnamePrefix, String surname, Address address,
                            LocalDate letterDate, String lookupReference) {
}
