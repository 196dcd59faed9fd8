package org.breachnotify.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A real HTTP client against the running application, as a browser (cookies, a webapp login, its anti-CSRF token) or
 * a script (HTTP Basic) would call it. One instance per person: it keeps that person's cookies.
 */
public final class WebClient {
    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String basic;

    public WebClient(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Every request from now on carries these HTTP Basic credentials. */
    public WebClient basic(String user, String password) {
        this.basic = Api.basic(user, password);
        return this;
    }

    /**
     * Logs in to a webapp (cockpit, tasklist, admin) the way its login page does: fetch a page for the session and
     * the anti-CSRF cookie, then post the form. Answers the login's status (200 in, 401 wrong password, 403 no
     * access to that application).
     */
    public int loginToWebapp(String app, String user, String password) {
        send("GET", "/camunda/app/" + app + "/default/", null, null, Map.of());
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        int status = send("POST", "/camunda/api/admin/auth/user/default/login/" + app, form,
                "application/x-www-form-urlencoded", csrfHeader()).statusCode();
        // the login starts a new session; its first read hands out that session's anti-CSRF token, as the page's
        // first request after logging in does
        send("GET", "/camunda/api/admin/auth/user/default", null, null, Map.of());
        return status;
    }

    /** The webapps' anti-CSRF token as their pages send it, from the XSRF-TOKEN cookie. */
    public Map<String, String> csrfHeader() {
        return csrfToken().map(t -> Map.of("X-XSRF-TOKEN", t)).orElse(Map.of());
    }

    /** The cookies held, for failure messages. */
    public String cookieDump() {
        return cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue() + ";path="
                + c.getPath()).collect(Collectors.joining(" | "));
    }

    /** The value of a cookie held, by name. */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    public Optional<String> csrfToken() {
        return cookie("XSRF-TOKEN");
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public HttpResponse<String> send(String method, String path, String body, String contentType,
                                     Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (basic != null) {
            request.header("Authorization", basic);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data body with one file part named {@code file}. */
    public static Multipart multipartFile(String fileName, String content) {
        String boundary = "----breachnotify" + Long.toHexString(System.nanoTime());
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return new Multipart("multipart/form-data; boundary=" + boundary, body);
    }

    public record Multipart(String contentType, String body) {
    }

    /** Form-encodes the parameters. */
    public static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
