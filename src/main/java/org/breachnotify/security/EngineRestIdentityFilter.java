package org.breachnotify.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the authenticated user to the engine for the length of an engine REST request, so the engine's authorizations
 * apply to it and its history records who acted. (The engine checks nothing for a call without a user.)
 */
class EngineRestIdentityFilter extends OncePerRequestFilter {
    private final UserDirectory directory;

    EngineRestIdentityFilter(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<DirectoryUser> user = EngineUserAuthentication.current();
        if (user.isEmpty()) {
            // the authorization rules before this filter admit no anonymous engine REST call
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        directory.runAs(user.get(), () -> chain.doFilter(request, response));
    }
}
