package org.breachnotify.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Calling the REST API in tests the way a browser or curl does: through the application's security filter chains. */
public final class Api {
    public static final String AUTHORIZATION = "Authorization";
    /** The administrator's password in tests: outside the demo it must pass the engine's password policy. */
    public static final String ADMIN_PASSWORD = "Test-Adm1n-Passw0rd!";
    public static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    private Api() {
    }

    /** MockMvc over the whole application, behind its security filter chains. */
    public static MockMvc client(WebApplicationContext web) {
        return MockMvcBuilders.webAppContextSetup(web).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    /** An HTTP Basic header value. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
