package org.breachnotify.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a user logged in to Cockpit or Tasklist call our API from the same browser (the report page, the review form
 * inside Tasklist) without typing their password again. Credentials on the request itself take precedence.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {
    private final UserDirectory directory;

    WebappSessionAuthenticationFilter(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && SecurityContextHolder.getContext().getAuthentication() == null) {
            directory.webappUser(session).ifPresent(user -> SecurityContextHolder.getContext()
                    .setAuthentication(EngineUserAuthentication.webappSession(user)));
        }
        chain.doFilter(request, response);
    }
}
