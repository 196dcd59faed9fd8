package org.breachnotify.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The short JSON error answer of the security layer: a status and a sentence, never an exception or class name, with
 * the security headers also where no filter chain adds them (the login throttle, a refused URL).
 */
final class JsonErrors {
    private JsonErrors() {
    }

    static void write(HttpServletResponse response, int status, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        setIfAbsent(response, "X-Frame-Options", "DENY");
        setIfAbsent(response, "Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
        setIfAbsent(response, "Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + escape(message) + "\"}");
    }

    private static void setIfAbsent(HttpServletResponse response, String header, String value) {
        if (!response.containsHeader(header)) {
            response.setHeader(header, value);
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }
}
