package org.breachnotify.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.breachnotify.BreachNotifyApplication;
import org.breachnotify.security.InsecureConfigurationException;
import org.breachnotify.support.ProcessTestContext;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** Outside the demo, start-up refuses a missing, default or weak administrator password and says what to set. */
@ProcessTestContext
@ExtendWith(OutputCaptureExtension.class)
class AdminPasswordTest {
    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    FilterService filters;
    @Autowired
    TaskService tasks;

    @Test
    void aMissingDefaultOrWeakPasswordIsRefusedOutsideTheDemo() {
        assertThatThrownBy(() -> setup(false, "").afterPropertiesSet())
                .isInstanceOf(InsecureConfigurationException.class)
                .hasMessageContaining("No password is set for the administrator 'admin'")
                .satisfies(e -> assertThat(((InsecureConfigurationException) e).action())
                        .contains("BREACHNOTIFY_ADMIN_PASSWORD"));
        assertThatThrownBy(() -> setup(false, "admin").afterPropertiesSet())
                .isInstanceOf(InsecureConfigurationException.class).hasMessageContaining("default");
        assertThatThrownBy(() -> setup(false, "breachnotify").afterPropertiesSet())
                .isInstanceOf(InsecureConfigurationException.class)
                .hasMessageContaining("fails the password policy").hasMessageContaining("upper")
                .hasMessageContaining("digit");
    }

    @Test
    void theDemoRunsWithTheDefaultPassword() {
        setup(true, "").afterPropertiesSet();
        assertThat(identity.createUserQuery().userId("admin").count()).isOne();
    }

    @Test
    void theApplicationRefusesToStartWithoutAnAdministratorPassword(@TempDir Path data, CapturedOutput output) {
        // as command-line arguments, which override application.yaml as the environment does
        String[] arguments = {"--breachnotify.demo.enabled=false", "--breachnotify.admin.password=",
                "--breachnotify.engine-commands.relay-enabled=false", "--camunda.bpm.job-execution.enabled=false",
                "--breachnotify.embedded-postgres.directory=", "--breachnotify.embedded-postgres.port=0",
                "--breachnotify.embedded-postgres.clean=true", "--breachnotify.data-dir=" + data, "--server.port=0",
                "--spring.main.banner-mode=off"};
        SpringApplicationBuilder app = new SpringApplicationBuilder(BreachNotifyApplication.class);
        assertThatThrownBy(() -> app.run(arguments).close())
                .hasRootCauseInstanceOf(InsecureConfigurationException.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("No password is set for the administrator 'admin'")
                .contains("Set BREACHNOTIFY_ADMIN_PASSWORD");
    }

    private EngineAccessSetup setup(boolean demo, String password) {
        return new EngineAccessSetup(identity, authorizations, filters, tasks, new EngineSecuritySettings(demo),
                "admin", password);
    }
}
