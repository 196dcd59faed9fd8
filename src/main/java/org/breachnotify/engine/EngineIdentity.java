package org.breachnotify.engine;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.breachnotify.security.DirectoryUser;
import org.breachnotify.security.UserDirectory;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.stereotype.Component;

/** The engine's identity service and the webapps' sessions behind web security's {@link UserDirectory}. */
@Component
public class EngineIdentity implements UserDirectory {
    private static final String ENGINE = "default";

    private final IdentityService identity;
    private final TaskService tasks;
    private final JourneyKeys journeyKeys;

    public EngineIdentity(IdentityService identity, TaskService tasks, JourneyKeys journeyKeys) {
        this.identity = identity;
        this.tasks = tasks;
        this.journeyKeys = journeyKeys;
    }

    @Override
    public Optional<DirectoryUser> authenticate(String userId, String password) {
        if (userId == null || userId.isBlank() || password == null || password.isEmpty()
                || !identity.checkPassword(userId, password)) {
            return Optional.empty();
        }
        return Optional.of(new DirectoryUser(userId, groupsOf(userId)));
    }

    @Override
    public Optional<DirectoryUser> webappUser(HttpSession session) {
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null
                || !(authentications.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication user)) {
            return Optional.empty();
        }
        // the session remembers who logged in; whether they still exist and which groups they have now is asked
        // afresh, so a deleted user or a removed membership counts at once, not when the webapps next revalidate
        String id = user.getIdentityId();
        if (identity.createUserQuery().userId(id).count() == 0) {
            return Optional.empty();
        }
        return Optional.of(new DirectoryUser(id, groupsOf(id)));
    }

    @Override
    public Optional<String> webappCsrfToken(HttpSession session) {
        return Optional.ofNullable(session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME))
                .map(Object::toString);
    }

    @Override
    public boolean hasOpenTaskForPerson(DirectoryUser user, long personId) {
        String journeyKey = journeyKeys.of(java.util.List.of(personId)).get(personId);
        if (journeyKey == null) {
            return false;
        }
        Authentication previous = identity.getCurrentAuthentication();
        identity.setAuthentication(user.id(), user.groupIds());
        try {
            return tasks.createTaskQuery().processDefinitionKey(ProcessModels.PARTICIPANT)
                    .processInstanceBusinessKey(journeyKey).count() > 0;
        } finally {
            restore(previous);
        }
    }

    @Override
    public void runAs(DirectoryUser user, RequestWork work) throws IOException, ServletException {
        Authentication previous = identity.getCurrentAuthentication();
        identity.setAuthentication(user.id(), user.groupIds());
        try {
            work.run();
        } finally {
            restore(previous);
        }
    }

    private java.util.List<String> groupsOf(String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    private void restore(Authentication previous) {
        if (previous == null) {
            identity.clearAuthentication();
        } else {
            identity.setAuthentication(previous);
        }
    }
}
