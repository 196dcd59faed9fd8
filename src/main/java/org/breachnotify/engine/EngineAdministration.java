package org.breachnotify.engine;

import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Users, groups and Tasklist filters in the engine's identity store; every call is safe to repeat. */
@Component
public class EngineAdministration {
    private final IdentityService identity;
    private final FilterService filters;
    private final org.camunda.bpm.engine.TaskService tasks;

    public EngineAdministration(IdentityService identity, FilterService filters,
                                org.camunda.bpm.engine.TaskService tasks) {
        this.identity = identity;
        this.filters = filters;
        this.tasks = tasks;
    }

    public void ensureGroup(String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    public void ensureUser(String id, String firstName, String lastName, String password, String... groups) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setPassword(password);
            user.setEmail(id + "@breachnotify.example");
            identity.saveUser(user);
        }
        for (String group : groups) {
            if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identity.createMembership(id, group);
            }
        }
    }

    public boolean checkPassword(String userId, String password) {
        return identity.checkPassword(userId, password);
    }

    /** A shared Tasklist filter showing the open tasks offered to a candidate group. */
    public void ensureGroupTaskFilter(String name, String candidateGroup, int priority) {
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        Filter filter = filters.newTaskFilter(name);
        filter.setQuery(tasks.createTaskQuery().taskCandidateGroup(candidateGroup).includeAssignedTasks());
        filter.setProperties(Map.of("priority", priority, "description",
                "Open tasks for the " + candidateGroup + " group", "refresh", true));
        filters.saveFilter(filter);
    }
}
