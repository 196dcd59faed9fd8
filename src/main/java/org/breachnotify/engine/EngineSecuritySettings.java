package org.breachnotify.engine;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's own security settings (a process engine plugin, picked up by the Spring Boot starter):
 * <ul>
 * <li>authorizations on: the webapps and the engine REST API show and change only what a user's groups are granted
 * ({@link EngineAccessSetup}); the application's own calls carry no user and are not checked;</li>
 * <li>a candidate group gets {@code TASK_WORK} on its tasks (claim, complete), not {@code UPDATE} (reassign, edit);</li>
 * <li>failed logins delay that user by 1, 2, then at most 3 seconds, and never lock the account for good
 * ({@code loginMaxAttempts} is effectively unlimited), so nobody can lock an administrator out by guessing; the
 * per-address {@code LoginThrottle} in front slows the guesser;</li>
 * <li>outside the demo, the engine's password policy (at least 10 characters with upper and lower case, a digit and a
 * special character, not containing the user's name) applies to every password set.</li>
 * </ul>
 */
@Component
public class EngineSecuritySettings extends AbstractProcessEnginePlugin {
    static final String GROUP_ID_PATTERN = "[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*";
    private final boolean demo;

    public EngineSecuritySettings(@Value("${breachnotify.demo.enabled:false}") boolean demo) {
        this.demo = demo;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setAuthorizationEnabled(true);
        configuration.setDefaultUserPermissionForTask(Permissions.TASK_WORK);
        configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        configuration.setLoginDelayBase(1);
        configuration.setLoginDelayFactor(2);
        configuration.setLoginDelayMaxTime(3);
        configuration.setEnablePasswordPolicy(!demo);
        // group ids such as "process-managers": letters and digits joined by single hyphens (the default admits
        // hyphens only in "camunda-admin")
        configuration.setGroupResourceWhitelistPattern(GROUP_ID_PATTERN);
    }

    /** Whether the password policy applies (everywhere but the demo). */
    public boolean passwordPolicyEnforced() {
        return !demo;
    }
}
