package org.breachnotify.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles of the people who work with a campaign, each an engine group created at start-up in every environment
 * (see {@code EngineAccessSetup}). What each may do is in the README's role table; the rules themselves are in
 * {@link SecurityConfiguration} (our API) and in the engine's authorizations (webapps, engine REST API).
 */
public enum Role {
    /** Everything, including users, authorizations and deployments. Camunda's own administrators group. */
    ADMINISTRATOR("camunda-admin", "Administrators"),
    /** Cockpit read-only, campaign control (create, upload files, start), reports. */
    PROCESS_MANAGER("process-managers", "Process managers"),
    /** Tasklist: returned letters; letters and personal data only of people in their open tasks. */
    HELPDESK("helpdesk", "Helpdesk staff"),
    /** Tasklist: doubtful matches (and, later, disputes); reviews and letters. */
    PRIVACY_OFFICER("privacy-officers", "Privacy officers"),
    /** Uploads dispatch confirmations and returned mail; nothing else. */
    PRINT_HOUSE("print-house", "Print house");

    private final String groupId;
    private final String groupName;

    Role(String groupId, String groupName) {
        this.groupId = groupId;
        this.groupName = groupName;
    }

    /** The engine group whose members have this role. */
    public String groupId() {
        return groupId;
    }

    public String groupName() {
        return groupName;
    }

    /** The Spring Security authority, {@code ROLE_<name>}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> ofGroup(String groupId) {
        return Arrays.stream(values()).filter(r -> r.groupId.equals(groupId)).findFirst();
    }
}
