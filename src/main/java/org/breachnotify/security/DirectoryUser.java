package org.breachnotify.security;

import java.util.List;

/** A user of the engine's identity service and the ids of their groups. */
public record DirectoryUser(String id, List<String> groupIds) {
    public DirectoryUser {
        groupIds = List.copyOf(groupIds);
    }

    public boolean has(Role role) {
        return groupIds.contains(role.groupId());
    }
}
