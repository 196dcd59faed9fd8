package org.breachnotify.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completion of a staff task, makes the user who completes it its assignee, so the engine's history (historic task
 * instance) names who made every human decision, also when the task was completed without being claimed first (the
 * engine REST API allows that). The engine's operation log would name them only at history level FULL.
 */
@Component
public class RecordDecidingUserListener implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (current != null && current.getUserId() != null && !current.getUserId().equals(task.getAssignee())) {
            task.setAssignee(current.getUserId());
        }
    }
}
