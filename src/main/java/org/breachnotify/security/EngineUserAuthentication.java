package org.breachnotify.security;

import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An engine user as Spring Security knows them: authorities are the roles of their groups. Remembers how they proved
 * who they are, because only a browser session needs the anti-CSRF token.
 */
public final class EngineUserAuthentication extends AbstractAuthenticationToken {
    private final DirectoryUser user;
    private final boolean webappSession;

    private EngineUserAuthentication(DirectoryUser user, boolean webappSession) {
        super(user.groupIds().stream().map(Role::ofGroup).flatMap(Optional::stream)
                .map(role -> new SimpleGrantedAuthority(role.authority())).toList());
        this.user = user;
        this.webappSession = webappSession;
        setAuthenticated(true);
    }

    /** Proved with HTTP Basic credentials on this request. */
    public static EngineUserAuthentication basic(DirectoryUser user) {
        return new EngineUserAuthentication(user, false);
    }

    /** Proved by a Cockpit/Tasklist/Admin login earlier in this HTTP session. */
    public static EngineUserAuthentication webappSession(DirectoryUser user) {
        return new EngineUserAuthentication(user, true);
    }

    /** The engine user of the current request, if one is authenticated. */
    public static Optional<DirectoryUser> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof EngineUserAuthentication engine ? Optional.of(engine.user) : Optional.empty();
    }

    public DirectoryUser user() {
        return user;
    }

    public boolean viaWebappSession() {
        return webappSession;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.id();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EngineUserAuthentication o && o.user.equals(user) && o.webappSession == webappSession;
    }

    @Override
    public int hashCode() {
        return user.hashCode() * 31 + Boolean.hashCode(webappSession);
    }
}
