package org.breachnotify.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400, a URL whose raw path does not begin with the servlet it was mapped to ({@code //engine-rest/...},
 * {@code /%65ngine-rest/...}, {@code /engine-rest;x/...}): the servlet container maps it after decoding and
 * normalising, path matching cannot, and each such request would otherwise end in a 500 with a stack trace in the
 * log. Runs first, before the login throttle and Spring Security.
 */
class PlainPathFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        String servlet = request.getServletPath();
        boolean plain = path.startsWith(servlet) && (path.length() == servlet.length() || servlet.isEmpty()
                || path.charAt(servlet.length()) == '/');
        if (!plain) {
            JsonErrors.write(response, HttpServletResponse.SC_BAD_REQUEST,
                    "request refused: the URL is not in its plain form");
            return;
        }
        chain.doFilter(request, response);
    }
}
