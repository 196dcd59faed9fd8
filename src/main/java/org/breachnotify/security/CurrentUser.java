package org.breachnotify.security;

import java.util.Arrays;
import java.util.Optional;

/** The engine user of the current request, as authenticated by {@link SecurityConfiguration}. */
public final class CurrentUser {
    private CurrentUser() {
    }

    public static Optional<DirectoryUser> get() {
        return EngineUserAuthentication.current();
    }

    /** Whether the current user has at least one of the roles. */
    public static boolean hasAny(Role... roles) {
        return get().map(user -> Arrays.stream(roles).anyMatch(user::has)).orElse(false);
    }
}
