package org.breachnotify.engine;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Users in the engine's identity store (groups and rights: {@link EngineAccessSetup}); safe to repeat. */
@Component
public class EngineAdministration {
    private final IdentityService identity;

    public EngineAdministration(IdentityService identity) {
        this.identity = identity;
    }

    /** Creates the user unless they exist, and adds them to each group they are not in yet. */
    public void ensureUser(String id, String firstName, String lastName, String password, String... groups) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setPassword(password);
            user.setEmail(id + "@breachnotify.example");
            identity.saveUser(user);
        }
        for (String group : groups) {
            if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identity.createMembership(id, group);
            }
        }
    }
}
