package org.breachnotify.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The per-address delay after failed logins, on a clock the test moves. */
class LoginThrottleTest {
    private Instant now = Instant.parse("2026-11-30T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5), Duration.ofHours(1), 1000, clock);

    @Test
    void fiveFailuresAreFreeThenEachDoublesTheWaitUpToTheMaximum() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("198.51.100.1");
            assertThat(throttle.blockedFor("198.51.100.1")).as("failure %d", i + 1).isEmpty();
        }
        throttle.recordFailure("198.51.100.1");
        assertThat(throttle.blockedFor("198.51.100.1")).hasValue(Duration.ofSeconds(1));
        throttle.recordFailure("198.51.100.1");
        assertThat(throttle.blockedFor("198.51.100.1")).hasValue(Duration.ofSeconds(2));
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("198.51.100.1");
        }
        assertThat(throttle.blockedFor("198.51.100.1")).hasValue(Duration.ofMinutes(5));
        assertThat(throttle.blockedFor("198.51.100.2")).as("another address").isEmpty();
        now = now.plus(Duration.ofMinutes(5));
        assertThat(throttle.blockedFor("198.51.100.1")).as("after the wait").isEmpty();
    }

    @Test
    void aSuccessForgivesTheAddressesFailures() {
        for (int i = 0; i < 7; i++) {
            throttle.recordFailure("198.51.100.3");
        }
        now = now.plusSeconds(3);
        throttle.recordSuccess("198.51.100.3");
        throttle.recordFailure("198.51.100.3");
        assertThat(throttle.blockedFor("198.51.100.3")).isEmpty();
    }

    @Test
    void theWebappLoginFormCountsAndABlockedAddressIsAnsweredWithoutReachingTheLogin() throws Exception {
        LoginThrottleFilter filter = new LoginThrottleFilter(throttle);
        int reached = 0;
        for (int i = 0; i < 6; i++) {
            MockFilterChain refusedLogin = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                @Override
                protected void service(jakarta.servlet.http.HttpServletRequest req, HttpServletResponse res) {
                    res.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                }
            });
            filter.doFilter(login("198.51.100.4"), new MockHttpServletResponse(), refusedLogin);
            reached += refusedLogin.getRequest() == null ? 0 : 1;
        }
        assertThat(reached).isEqualTo(6);
        MockHttpServletResponse blocked = new MockHttpServletResponse();
        MockFilterChain notReached = new MockFilterChain();
        filter.doFilter(login("198.51.100.4"), blocked, notReached);
        assertThat(blocked.getStatus()).isEqualTo(429);
        assertThat(blocked.getHeader("Retry-After")).isEqualTo("1");
        assertThat(blocked.getContentAsString()).contains("too many failed logins");
        assertThat(blocked.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(blocked.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(notReached.getRequest()).as("the login was not reached").isNull();

        MockHttpServletResponse page = new MockHttpServletResponse();
        MockHttpServletRequest pageRequest = new MockHttpServletRequest("GET", "/camunda/app/cockpit/default/");
        pageRequest.setRemoteAddr("198.51.100.4");
        filter.doFilter(pageRequest, page, new MockFilterChain());
        assertThat(page.getStatus()).as("requests that are no login attempt pass").isEqualTo(200);
    }

    @Test
    void everySpellingOfCredentialsCountsAndOnlyVerifiedCredentialsForgive() throws Exception {
        LoginThrottleFilter filter = new LoginThrottleFilter(throttle);
        String address = "198.51.100.5";
        for (String scheme : new String[] {"BasicX", "Basic\t", "basic ", "Basic:", "Bearer ", "Digest "}) {
            filter.doFilter(withAuthorization(address, scheme + "eDp5"), new MockHttpServletResponse(),
                    answering(HttpServletResponse.SC_UNAUTHORIZED));
        }
        // a page that ignores the credentials answers 200: that forgives nothing
        filter.doFilter(withAuthorization(address, "Basic eDp5"), new MockHttpServletResponse(), answering(200));
        assertThat(throttle.blockedFor(address)).as("six failures, no forgiveness").isPresent();

        now = now.plusSeconds(5);
        MockHttpServletRequest verified = withAuthorization(address, "Basic dmFsaWQ6dmFsaWQ=");
        filter.doFilter(verified, new MockHttpServletResponse(), new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, HttpServletResponse res) {
                LoginThrottleFilter.markAuthenticated(req);
                res.setStatus(200);
            }
        }));
        throttle.recordFailure(address);
        assertThat(throttle.blockedFor(address)).as("verified credentials forgave the earlier failures").isEmpty();
    }

    private static MockHttpServletRequest withAuthorization(String address, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/camunda/api/engine/engine");
        request.setRemoteAddr(address);
        request.addHeader("Authorization", authorization);
        return request;
    }

    private static MockFilterChain answering(int status) {
        return new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, HttpServletResponse res) {
                res.setStatus(status);
            }
        });
    }

    private static MockHttpServletRequest login(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST",
                "/camunda/api/admin/auth/user/default/login/cockpit");
        request.setRemoteAddr(address);
        return request;
    }
}
