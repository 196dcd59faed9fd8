package org.breachnotify.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Calling the REST API in tests the way a browser or curl does: through the API's authentication filter. */
public final class Api {
    public static final String AUTHORIZATION = "Authorization";
    public static final String ADMIN = basic("admin", "admin");

    private Api() {
    }

    /** MockMvc over the whole application, with {@code /api/*} behind the authentication filter. */
    public static MockMvc client(WebApplicationContext web) {
        return MockMvcBuilders.webAppContextSetup(web)
                .addFilter(web.getBean("apiAuthentication", FilterRegistrationBean.class).getFilter(), "/api/*")
                .build();
    }

    /** An HTTP Basic header value. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
