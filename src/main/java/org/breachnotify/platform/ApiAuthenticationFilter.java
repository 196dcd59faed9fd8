package org.breachnotify.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.breachnotify.engine.EngineAdministration;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Our API serves personal data (review details, letters), so it admits only the engine's users: either with a
 * Cockpit/Tasklist login in the same browser session (the review form in Tasklist relies on this) or with HTTP
 * Basic credentials checked against the engine's identity service.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {
    private static final String ENGINE = "default";

    private final EngineAdministration identity;

    public ApiAuthenticationFilter(EngineAdministration identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (loggedInToWebapps(request.getSession(false)) || validBasicCredentials(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"breach-notify\", charset=\"UTF-8\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"log in to Cockpit/Tasklist or use HTTP Basic with a Camunda user\"}");
    }

    private static boolean loggedInToWebapps(HttpSession session) {
        if (session == null) {
            return false;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        return authentications != null && authentications.hasAuthenticationForProcessEngine(ENGINE);
    }

    private boolean validBasicCredentials(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && identity.checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
