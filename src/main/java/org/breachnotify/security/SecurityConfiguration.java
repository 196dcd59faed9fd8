package org.breachnotify.security;

import static org.breachnotify.security.Role.ADMINISTRATOR;
import static org.breachnotify.security.Role.HELPDESK;
import static org.breachnotify.security.Role.PRINT_HOUSE;
import static org.breachnotify.security.Role.PRIVACY_OFFICER;
import static org.breachnotify.security.Role.PROCESS_MANAGER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may call what. Nothing answers without authentication except {@code /actuator/health}, the static pages (which
 * hold no data: they read it from {@code /api}) and the webapps' login. Four filter chains:
 * <ol>
 * <li>{@code /camunda/**}: the webapps authenticate, authorize (engine authorizations per application) and guard
 * against CSRF themselves; this chain adds frame protection and keeps comments and attachments on tasks to the staff
 * who work them.</li>
 * <li>{@code /engine-rest/**}: HTTP Basic against the engine's identity service; administrators everything, process
 * managers GET only; the engine checks its authorizations for the user on every call.</li>
 * <li>{@code /api/**}: HTTP Basic or the browser session of a webapp login, each endpoint limited to the roles below;
 * state-changing calls pass the {@link CrossSiteRequestGuard}.</li>
 * <li>everything else: health and static pages open, the rest administrators only.</li>
 * </ol>
 * The README's role table states the same rules for people.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
    /** Our pages load scripts and styles from this server only and may not be framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final AccessDeniedHandler FORBIDDEN = (request, response, e) ->
            JsonErrors.write(response, HttpServletResponse.SC_FORBIDDEN, "your role may not do this");
    private static final String LOG_IN = "log in: HTTP Basic with an engine user, or a Cockpit/Tasklist login in "
            + "this browser";

    /**
     * Path patterns match the path within the application, whichever servlet serves it (the engine REST API and the
     * webapps are servlets of their own, beside Spring MVC's).
     */
    @Bean
    PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** A URL the firewall refuses (encoded slashes, "..", ";") gets the same short JSON answer and headers. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> JsonErrors.write(response, HttpServletResponse.SC_BAD_REQUEST,
                "request refused: the URL is not in its plain form");
    }

    @Bean
    EngineUserAuthenticationProvider engineUserAuthenticationProvider(UserDirectory directory) {
        return new EngineUserAuthenticationProvider(directory);
    }

    @Bean
    LoginThrottle loginThrottle(AccessProperties properties, Clock clock) {
        AccessProperties.LoginThrottling t = properties.loginThrottle();
        return new LoginThrottle(t.freeFailures(), t.maxDelay(), t.memory(), t.maxAddresses(), clock);
    }

    /** First of all: a URL that path matching cannot place is refused before anything tries. */
    @Bean
    FilterRegistrationBean<PlainPathFilter> plainPathFilter() {
        FilterRegistrationBean<PlainPathFilter> registration = new FilterRegistrationBean<>(new PlainPathFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Before Spring Security (order -100), so a blocked address never reaches the identity service. */
    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle) {
        FilterRegistrationBean<LoginThrottleFilter> registration =
                new FilterRegistrationBean<>(new LoginThrottleFilter(throttle));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    @Order(1)
    SecurityFilterChain camundaWebapps(HttpSecurity http, UserDirectory directory) throws Exception {
        String task = "/camunda/api/engine/engine/{engine}/task/{taskId}";
        return http.securityMatcher("/camunda/**")
                .sessionManagement(SecurityConfiguration::webappSessionKept)
                .addFilterBefore(new WebappSessionAuthenticationFilter(directory), BasicAuthenticationFilter.class)
                // the engine lets anyone who may read a task comment on it and attach links to it; only the staff
                // who work tasks (and administrators) may, not process managers reading Cockpit
                .authorizeHttpRequests(a -> a
                        .requestMatchers(GET, task + "/comment/**", task + "/attachment/**").permitAll()
                        .requestMatchers(task + "/comment/**", task + "/attachment/**")
                        .hasAnyRole(roles(ADMINISTRATOR, HELPDESK, PRIVACY_OFFICER))
                        .requestMatchers(GET, "/camunda/api/engine/engine/{engine}/process-instance/{id}/comment/**")
                        .permitAll()
                        .requestMatchers("/camunda/api/engine/engine/{engine}/process-instance/{id}/comment/**")
                        .hasRole(ADMINISTRATOR.name())
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, x) -> JsonErrors.write(response,
                                HttpServletResponse.SC_UNAUTHORIZED, "log in to the webapp first"))
                        .accessDeniedHandler(FORBIDDEN))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // the webapps send their own content security policy, nosniff and caching headers
                .headers(h -> h.cacheControl(HeadersConfigurer.CacheControlConfig::disable)
                        .contentTypeOptions(HeadersConfigurer.ContentTypeOptionsConfig::disable)
                        .xssProtection(HeadersConfigurer.XXssConfig::disable)
                        .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain engineRest(HttpSecurity http, UserDirectory directory, AccessProperties properties)
            throws Exception {
        http.securityMatcher("/engine-rest/**");
        stateless(http, directory);
        http.authorizeHttpRequests(a -> {
            if (!properties.engineRest()) {
                a.anyRequest().denyAll();
                return;
            }
            // process managers read (GET) what Cockpit shows them; every change, deployments included, is the
            // administrators' (the engine's own rights would let a reader comment on tasks and attach links)
            a.requestMatchers(GET, "/engine-rest/**").hasAnyRole(roles(ADMINISTRATOR, PROCESS_MANAGER))
                    .requestMatchers(HEAD, "/engine-rest/**").hasAnyRole(roles(ADMINISTRATOR, PROCESS_MANAGER))
                    .anyRequest().hasRole(ADMINISTRATOR.name());
        });
        http.addFilterAfter(new EngineRestIdentityFilter(directory), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, UserDirectory directory) throws Exception {
        http.securityMatcher("/api/**");
        stateless(http, directory);
        http.addFilterBefore(new WebappSessionAuthenticationFilter(directory), BasicAuthenticationFilter.class);
        http.authorizeHttpRequests(a -> a
                .requestMatchers(GET, "/api/campaigns", "/api/campaigns/{id}")
                .hasAnyRole(roles(ADMINISTRATOR, PROCESS_MANAGER, PRINT_HOUSE))
                .requestMatchers(POST, "/api/campaigns", "/api/campaigns/{id}/start")
                .hasAnyRole(roles(ADMINISTRATOR, PROCESS_MANAGER))
                // the print house may upload dispatch confirmations and returned mail only (CampaignController)
                .requestMatchers(POST, "/api/campaigns/{id}/files")
                .hasAnyRole(roles(ADMINISTRATOR, PROCESS_MANAGER, PRINT_HOUSE))
                .requestMatchers(GET, "/api/campaigns/{id}/report", "/api/campaigns/{id}/rejected-rows.csv",
                        "/api/campaigns/{id}/reviews/summary", "/api/campaigns/{id}/unlinked-records")
                .hasAnyRole(roles(ADMINISTRATOR, PROCESS_MANAGER))
                .requestMatchers(GET, "/api/campaigns/{id}/reviews", "/api/reviews/{id}")
                .hasAnyRole(roles(ADMINISTRATOR, PRIVACY_OFFICER))
                // helpdesk: only people in its open tasks (PersonalDataAccess)
                .requestMatchers(GET, "/api/letters/{letterId}/pdf")
                .hasAnyRole(roles(ADMINISTRATOR, PRIVACY_OFFICER, HELPDESK))
                .requestMatchers(GET, "/api/letters/{letterId}", "/api/campaigns/{id}/participants/{participantId}/letters")
                .hasAnyRole(roles(ADMINISTRATOR, PROCESS_MANAGER, PRIVACY_OFFICER, HELPDESK))
                .anyRequest().hasRole(ADMINISTRATOR.name()));
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain everythingElse(HttpSecurity http, UserDirectory directory) throws Exception {
        stateless(http, directory);
        http.authorizeHttpRequests(a -> a
                .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                .requestMatchers(GET, "/", "/favicon.ico", "/campaign-report.html", "/campaign-report.js",
                        "/campaign-report.css", "/forms/**").permitAll()
                .anyRequest().hasRole(ADMINISTRATOR.name()));
        return http.build();
    }

    /**
     * No session of our own, and the webapp's session left as it is. The user a webapp session carries is put into
     * each request's security context by {@link WebappSessionAuthenticationFilter}; with session-fixation protection
     * on, Spring Security took that for a new login on every request and changed the session id each time. A browser
     * sends several requests at once, so one of them came with an id already changed, got a new empty session, and
     * its cookie logged the user out of Cockpit and Tasklist. The webapps' own login changes the id once, as it should.
     */
    private static void webappSessionKept(SessionManagementConfigurer<HttpSecurity> sessions) {
        sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(f -> f.none());
    }

    /** HTTP Basic on every request, no session of our own, JSON errors, our headers, the cross-site guard. */
    private void stateless(HttpSecurity http, UserDirectory directory) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"breach-notify\", charset=\"UTF-8\"");
            JsonErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, LOG_IN);
        };
        http.sessionManagement(SecurityConfiguration::webappSessionKept)
                .csrf(AbstractHttpConfigurer::disable) // CrossSiteRequestGuard instead: see its comment
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(b -> b.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(FORBIDDEN))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(new LoginThrottleFilter.VerifiedCredentialsMarker(), BasicAuthenticationFilter.class)
                .addFilterAfter(new CrossSiteRequestGuard(directory), LoginThrottleFilter.VerifiedCredentialsMarker.class);
    }

    private static String[] roles(Role... roles) {
        return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}
