package org.breachnotify.engine;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.breachnotify.security.InsecureConfigurationException;
import org.breachnotify.security.Role;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates, at every start and in every environment, what people need to work: a group per {@link Role} with the
 * least the role needs in the engine (applications, read rights), a Tasklist filter per staff group, and the
 * administrator. Every step is safe to repeat and adds what is missing; it never takes a right away that an
 * administrator granted by hand. Demo users are the demo's business ({@code DemoCampaign}).
 *
 * <p>Outside the demo, start-up is refused (with a message saying what to set) when the administrator's password is
 * missing, is the default {@code admin}, or fails the engine's password policy.
 */
@Component
public class EngineAccessSetup implements InitializingBean {
    /** The Tasklist filter of each staff group: name, candidate group, priority (lower is listed first). */
    public static final String FILTER_RETURNED_LETTERS = "Returned letters";
    public static final String FILTER_DOUBTFUL_MATCHES = "Doubtful matches";
    private static final String DEFAULT_DEMO_PASSWORD = "admin";
    private static final Logger log = LoggerFactory.getLogger(EngineAccessSetup.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final EngineSecuritySettings settings;
    private final String adminId;
    private final String adminPassword;

    public EngineAccessSetup(IdentityService identity, AuthorizationService authorizations, FilterService filters,
                             TaskService tasks, EngineSecuritySettings settings,
                             @Value("${breachnotify.admin.user:admin}") String adminId,
                             @Value("${breachnotify.admin.password:}") String adminPassword) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.settings = settings;
        this.adminId = adminId;
        this.adminPassword = adminPassword;
    }

    @Override
    public void afterPropertiesSet() {
        String password = checkedAdminPassword();
        for (Role role : Role.values()) {
            ensureGroup(role);
        }
        grantAll(Role.ADMINISTRATOR);
        grant(Role.PROCESS_MANAGER, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Role.PROCESS_MANAGER, Resources.PROCESS_DEFINITION, Authorization.ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.READ_HISTORY);
        grant(Role.PROCESS_MANAGER, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
        grant(Role.PROCESS_MANAGER, Resources.TASK, Authorization.ANY, Permissions.READ);
        grant(Role.PROCESS_MANAGER, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ,
                Permissions.READ_HISTORY);
        grant(Role.PROCESS_MANAGER, Resources.DECISION_REQUIREMENTS_DEFINITION, Authorization.ANY, Permissions.READ);
        grant(Role.PROCESS_MANAGER, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
        // staff see the tasks offered to their group (the engine grants TASK_WORK per task to its candidate group)
        grant(Role.HELPDESK, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Role.HELPDESK, Resources.PROCESS_DEFINITION, ProcessModels.PARTICIPANT, ProcessDefinitionPermissions.READ);
        grant(Role.PRIVACY_OFFICER, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Role.PRIVACY_OFFICER, Resources.PROCESS_DEFINITION, ProcessModels.MATCH_REVIEW,
                ProcessDefinitionPermissions.READ);
        grant(Role.HELPDESK, Resources.FILTER,
                ensureGroupTaskFilter(FILTER_RETURNED_LETTERS, Role.HELPDESK, -10), Permissions.READ);
        grant(Role.PRIVACY_OFFICER, Resources.FILTER,
                ensureGroupTaskFilter(FILTER_DOUBTFUL_MATCHES, Role.PRIVACY_OFFICER, -20), Permissions.READ);
        // the print house works through our API only: no engine rights
        ensureAdministrator(password);
    }

    private String checkedAdminPassword() {
        boolean demo = !settings.passwordPolicyEnforced();
        if (adminPassword == null || adminPassword.isBlank()) {
            if (demo) {
                return DEFAULT_DEMO_PASSWORD;
            }
            throw new InsecureConfigurationException("No password is set for the administrator '" + adminId + "'.",
                    "Set BREACHNOTIFY_ADMIN_PASSWORD (at least 10 characters with upper and lower case, a digit and a "
                            + "special character). Only the demo (BREACHNOTIFY_DEMO_ENABLED=true) runs with admin/admin.");
        }
        if (demo) {
            return adminPassword;
        }
        if (adminPassword.equals(DEFAULT_DEMO_PASSWORD) || adminPassword.equalsIgnoreCase(adminId)) {
            throw new InsecureConfigurationException("The administrator's password is the default or the user name.",
                    "Set BREACHNOTIFY_ADMIN_PASSWORD to a password of your own; '" + DEFAULT_DEMO_PASSWORD
                            + "' is only for the demo.");
        }
        User candidate = identity.newUser(adminId);
        PasswordPolicyResult result = identity.checkPasswordAgainstPolicy(adminPassword, candidate);
        if (!result.isValid()) {
            throw new InsecureConfigurationException("The administrator's password fails the password policy: "
                    + String.join(", ", result.getViolatedRules().stream().map(EngineAccessSetup::describe).toList())
                    + ".",
                    "Set BREACHNOTIFY_ADMIN_PASSWORD to at least 10 characters with upper and lower case, a digit and "
                            + "a special character, not containing the user name.");
        }
        return adminPassword;
    }

    /** "PASSWORD_POLICY_LENGTH" with {minLength=10} reads "length (minLength 10)". */
    private static String describe(org.camunda.bpm.engine.identity.PasswordPolicyRule rule) {
        String name = rule.getPlaceholder().replaceFirst("^PASSWORD_POLICY_", "").replace('_', ' ')
                .toLowerCase(java.util.Locale.ROOT);
        if (rule.getParameters() == null || rule.getParameters().isEmpty()) {
            return name;
        }
        return name + " (" + rule.getParameters().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }

    private void ensureAdministrator(String password) {
        if (identity.createUserQuery().userId(adminId).count() == 0) {
            User user = identity.newUser(adminId);
            user.setFirstName("Campaign");
            user.setLastName("Administrator");
            user.setPassword(password);
            identity.saveUser(user);
            log.info("Created the administrator '{}'", adminId);
        }
        ensureMembership(adminId, Role.ADMINISTRATOR.groupId());
    }

    private void ensureGroup(Role role) {
        if (identity.createGroupQuery().groupId(role.groupId()).count() == 0) {
            Group group = identity.newGroup(role.groupId());
            group.setName(role.groupName());
            group.setType(role == Role.ADMINISTRATOR ? "SYSTEM" : "WORKFLOW");
            identity.saveGroup(group);
        }
    }

    /** Adds the user to the group unless they are in it. */
    void ensureMembership(String userId, String groupId) {
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(userId, groupId);
        }
    }

    private void grantAll(Role role) {
        for (Resources resource : Resources.values()) {
            grant(role, resource, Authorization.ANY, Permissions.ALL);
        }
    }

    private void grant(Role role, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(role.groupId()).resourceType(resource).resourceId(resourceId).list().stream()
                .findFirst().orElse(null);
        Authorization authorization = existing != null ? existing
                : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        List<Permission> missing = new ArrayList<>(Arrays.stream(permissions)
                .filter(p -> existing == null || !existing.isPermissionGranted(p)).toList());
        if (missing.isEmpty()) {
            return;
        }
        if (existing == null) {
            authorization.setGroupId(role.groupId());
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        missing.forEach(authorization::addPermission);
        authorizations.saveAuthorization(authorization);
    }

    /** A shared Tasklist filter showing the open tasks offered to the role's group; answers its id. */
    private String ensureGroupTaskFilter(String name, Role role, int priority) {
        Filter existing = filters.createFilterQuery().filterName(name).list().stream().findFirst().orElse(null);
        if (existing != null) {
            return existing.getId();
        }
        Filter filter = filters.newTaskFilter(name);
        filter.setQuery(tasks.createTaskQuery().taskCandidateGroup(role.groupId()).includeAssignedTasks());
        filter.setProperties(Map.of("priority", priority, "description",
                "Open tasks for " + role.groupName().toLowerCase(java.util.Locale.ROOT), "refresh", true));
        return filters.saveFilter(filter).getId();
    }
}
