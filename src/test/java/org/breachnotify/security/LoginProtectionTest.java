package org.breachnotify.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Date;
import org.breachnotify.engine.EngineAdministration;
import org.breachnotify.support.Api;
import org.breachnotify.support.ProcessTestContext;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.web.context.WebApplicationContext;

/**
 * Failed logins are slowed per client address in front of the engine, and the engine's own per-user delay never
 * locks an account for good, so an anonymous caller cannot lock a real user out.
 */
@ProcessTestContext
class LoginProtectionTest {
    @Autowired
    WebApplicationContext web;
    @Autowired
    IdentityService identity;
    @Autowired
    EngineAdministration administration;
    @Autowired
    FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter;

    @Test
    void aGuessingAddressIsSlowedWhileOtherAddressesLogInAsUsual() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(web).addFilters(loginThrottleFilter.getFilter())
                .apply(SecurityMockMvcConfigurers.springSecurity()).build();
        String guesser = "203.0.113.9";
        for (int i = 0; i < 6; i++) {
            mvc.perform(from(guesser, Api.basic("user" + i, "guess" + i))).andExpect(status().isUnauthorized());
        }
        mvc.perform(from(guesser, Api.ADMIN)).andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "1"));
        mvc.perform(from("203.0.113.10", Api.ADMIN)).andExpect(status().isOk());

        Thread.sleep(1_100);
        mvc.perform(from(guesser, Api.basic("admin", "guess-again"))).andExpect(status().isUnauthorized());
        mvc.perform(from(guesser, Api.ADMIN)).andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "2"));
        // a wrong password for a real user makes the engine delay that user too, for three seconds at most
        Thread.sleep(3_100);
        mvc.perform(from("203.0.113.10", Api.ADMIN)).andExpect(status().isOk());
        mvc.perform(from(guesser, Api.ADMIN)).andExpect(status().isOk());
    }

    @Test
    void theEngineDelaysAUserAfterFailedLoginsButNeverLocksThemForGood() {
        administration.ensureUser("tlocked", "Test", "Locked", AccessMatrixTest.PASSWORD);
        long start = System.currentTimeMillis();
        try {
            for (int attempt = 0; attempt < 25; attempt++) {
                ClockUtil.setCurrentTime(new Date(start + attempt * 11_000L));
                assertThat(identity.checkPassword("tlocked", "wrong" + attempt)).isFalse();
            }
            assertThat(identity.checkPassword("tlocked", AccessMatrixTest.PASSWORD))
                    .as("right after a failure the user is delayed").isFalse();
            ClockUtil.setCurrentTime(new Date(start + 24 * 11_000L + 3_001));
            assertThat(identity.checkPassword("tlocked", AccessMatrixTest.PASSWORD))
                    .as("25 failures later, three seconds suffice").isTrue();
        } finally {
            ClockUtil.reset();
        }
    }

    private static RequestBuilder from(String address, String authorization) {
        return get("/api/campaigns").header(Api.AUTHORIZATION, authorization).with(request -> {
            request.setRemoteAddr(address);
            return request;
        });
    }
}
