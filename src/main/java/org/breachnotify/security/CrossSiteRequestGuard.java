package org.breachnotify.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-site request forgery protection for state-changing calls (anything but GET, HEAD, OPTIONS, TRACE):
 * <ul>
 * <li>a browser request from another origin is refused, whatever credentials the browser attaches (a session cookie
 * or HTTP Basic credentials it remembers): {@code Origin} must be this server's own, and {@code Sec-Fetch-Site} must be
 * {@code same-origin} or {@code none} (OWASP CSRF cheat sheet: standard headers and Fetch Metadata);</li>
 * <li>a request authenticated only by a webapp session must also carry the webapps' anti-CSRF token in
 * {@code X-XSRF-TOKEN}, exactly as Cockpit and Tasklist send it to their own API.</li>
 * </ul>
 * Scripts (curl, the print house) send neither header and authenticate with HTTP Basic on every request.
 */
class CrossSiteRequestGuard extends OncePerRequestFilter {
    static final String CSRF_HEADER = "X-XSRF-TOKEN";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> SAME_ORIGIN_FETCH = Set.of("same-origin", "none");

    private final UserDirectory directory;

    CrossSiteRequestGuard(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> refusal = crossSite(request).or(() -> missingSessionToken(request));
        if (refusal.isPresent()) {
            JsonErrors.write(response, HttpServletResponse.SC_FORBIDDEN, refusal.get());
            return;
        }
        chain.doFilter(request, response);
    }

    private static Optional<String> crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !SAME_ORIGIN_FETCH.contains(fetchSite.toLowerCase(Locale.ROOT))) {
            return Optional.of("cross-site request refused (Sec-Fetch-Site: " + fetchSite + ")");
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !isOwnOrigin(origin, request)) {
            return Optional.of("cross-site request refused: origin " + origin + " is not this server");
        }
        return Optional.empty();
    }

    private Optional<String> missingSessionToken(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof EngineUserAuthentication user) || !user.viaWebappSession()) {
            return Optional.empty();
        }
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : directory.webappCsrfToken(session).orElse(null);
        String sent = request.getHeader(CSRF_HEADER);
        if (expected == null || sent == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("a change made with a browser session needs the session's " + CSRF_HEADER
                    + " header (or use HTTP Basic credentials)");
        }
        return Optional.empty();
    }

    static boolean isOwnOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false; // "null" (sandboxed or privacy-sensitive context) or garbage
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port(scheme, uri.getPort()) == port(scheme, request.getServerPort());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(String scheme, int port) {
        if (port > 0) {
            return port;
        }
        return "https".equals(scheme) ? 443 : 80;
    }
}
