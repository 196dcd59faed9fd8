package org.breachnotify.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.breachnotify.support.Api;
import org.breachnotify.support.WebClient;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code breachnotify.security.engine-rest=false} refuses every engine REST call; the rest answers as before. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "breachnotify.security.engine-rest=false",
        "breachnotify.demo.enabled=false",
        "breachnotify.engine-commands.relay-enabled=false",
        "camunda.bpm.job-execution.enabled=false",
        "breachnotify.embedded-postgres.directory=",
        "breachnotify.embedded-postgres.port=0",
        "breachnotify.embedded-postgres.clean=true",
        "breachnotify.data-dir=target/engine-rest-off-data",
        "breachnotify.admin.password=" + Api.ADMIN_PASSWORD
})
class EngineRestSwitchTest {
    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;

    @Test
    void theEngineRestApiRefusesEveryoneWhenSwitchedOff() {
        ProcessEngines.registerProcessEngine(engine); // see AccessMatrixTest: the webapps serve the registered engine
        WebClient admin = new WebClient(port).basic("admin", Api.ADMIN_PASSWORD);
        assertThat(admin.get("/engine-rest/user").statusCode()).isEqualTo(403);
        assertThat(admin.get("/engine-rest/engine").statusCode()).isEqualTo(403);
        assertThat(admin.send("POST", "/engine-rest/user/create", "{}", "application/json", java.util.Map.of())
                .statusCode()).isEqualTo(403);
        assertThat(new WebClient(port).get("/engine-rest/user").statusCode()).isEqualTo(401);
        assertThat(admin.get("/api/campaigns").statusCode()).isEqualTo(200);
        assertThat(new WebClient(port).loginToWebapp("cockpit", "admin", Api.ADMIN_PASSWORD)).isEqualTo(200);
    }
}
