package org.breachnotify.security;

import java.util.Arrays;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Which people's letters a user may see. Administrators and privacy officers see every person; process managers see
 * every person's letter records (no name or address in them) but no letter itself; helpdesk staff see a person only
 * while they can see an open task on that person's journey (the engine's task authorizations decide). The endpoint
 * rules in {@link SecurityConfiguration} have already decided which roles may ask at all.
 */
@Component
public class PersonalDataAccess {
    private final UserDirectory directory;

    public PersonalDataAccess(UserDirectory directory) {
        this.directory = directory;
    }

    /**
     * For a letter as printed (name and address).
     *
     * @throws AccessDeniedException (answered 403) when the current user may not see this person's letters
     */
    public void requireLetters(long personId) {
        require(personId, Role.ADMINISTRATOR, Role.PRIVACY_OFFICER);
    }

    /**
     * For a person's letter records: ids, group, kind, template, status, hashes.
     *
     * @throws AccessDeniedException (answered 403) when the current user may not see this person's records
     */
    public void requireLetterRecords(long personId) {
        require(personId, Role.ADMINISTRATOR, Role.PRIVACY_OFFICER, Role.PROCESS_MANAGER);
    }

    private void require(long personId, Role... seeEveryone) {
        DirectoryUser user = CurrentUser.get()
                .orElseThrow(() -> new AccessDeniedException("not authenticated"));
        if (Arrays.stream(seeEveryone).anyMatch(user::has)) {
            return;
        }
        if (user.has(Role.HELPDESK) && directory.hasOpenTaskForPerson(user, personId)) {
            return;
        }
        throw new AccessDeniedException("this person is not in one of your open tasks");
    }
}
