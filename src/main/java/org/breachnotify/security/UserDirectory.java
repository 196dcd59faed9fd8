package org.breachnotify.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;

/**
 * The engine's identity service as web security sees it: who is this, what may the engine show them. Implemented in
 * the {@code engine} package, so the Camunda API stays there.
 */
public interface UserDirectory {

    /**
     * The user with their groups when the password is theirs; empty when the user is unknown, the password is wrong
     * or the engine delays this user after earlier failures (its login-attempt settings).
     */
    Optional<DirectoryUser> authenticate(String userId, String password);

    /**
     * The user logged in to the Camunda webapps (Cockpit, Tasklist, Admin) in this HTTP session, with their groups as
     * they are now; empty when nobody logged in or the user no longer exists.
     */
    Optional<DirectoryUser> webappUser(HttpSession session);

    /** The webapps' anti-CSRF token of this HTTP session, which their pages send as {@code X-XSRF-TOKEN}. */
    Optional<String> webappCsrfToken(HttpSession session);

    /** Whether the user can see an open task on this person's journey (the engine's task authorizations decide). */
    boolean hasOpenTaskForPerson(DirectoryUser user, long personId);

    /** Runs the work with the user as the engine's authenticated user, so the engine checks its authorizations. */
    void runAs(DirectoryUser user, RequestWork work) throws IOException, ServletException;

    @FunctionalInterface
    interface RequestWork {
        void run() throws IOException, ServletException;
    }
}
