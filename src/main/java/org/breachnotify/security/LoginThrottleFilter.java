package org.breachnotify.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the {@link LoginThrottle} to every login attempt: a request with any {@code Authorization} header (whatever
 * its spelling of the scheme) and the webapps' login form. A blocked address gets 429 with {@code Retry-After} and
 * never reaches the identity service, so it cannot add to the engine's delay for the user it guesses at. Runs before
 * Spring Security. A failure is an attempt answered 401; a success is only a login whose credentials were checked and
 * right: HTTP Basic that Spring Security authenticated ({@link #markAuthenticated}) or the login form answered 2xx, so
 * sending credentials to a page that ignores them forgives nothing.
 */
class LoginThrottleFilter extends OncePerRequestFilter {
    private static final String AUTHENTICATED = LoginThrottleFilter.class.getName() + ".authenticated";
    private static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");

    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isLoginAttempt(request)) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        Optional<Duration> blocked = throttle.blockedFor(address);
        if (blocked.isPresent()) {
            long seconds = Math.max(1, blocked.get().toSeconds() + (blocked.get().toMillisPart() > 0 ? 1 : 0));
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            JsonErrors.write(response, 429, "too many failed logins from this address; try again in " + seconds + " s");
            return;
        }
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            throttle.recordFailure(address);
        } else if (Boolean.TRUE.equals(request.getAttribute(AUTHENTICATED))
                || isWebappLogin(request) && status >= 200 && status < 300) {
            throttle.recordSuccess(address);
        }
    }

    /** Called once Spring Security has verified the request's own credentials (not a session). */
    static void markAuthenticated(HttpServletRequest request) {
        request.setAttribute(AUTHENTICATED, Boolean.TRUE);
    }

    /** In a chain after HTTP Basic: marks the request whose own credentials Spring Security verified. */
    static final class VerifiedCredentialsMarker extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (SecurityContextHolder.getContext().getAuthentication() instanceof EngineUserAuthentication user
                    && !user.viaWebappSession()) {
                markAuthenticated(request);
            }
            chain.doFilter(request, response);
        }
    }

    private static boolean isLoginAttempt(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null || isWebappLogin(request);
    }

    private static boolean isWebappLogin(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(request.getRequestURI()).matches();
    }
}
