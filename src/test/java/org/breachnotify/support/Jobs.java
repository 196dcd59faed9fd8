package org.breachnotify.support;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Drives a process instance's jobs by hand, as the job executor would. */
public final class Jobs {
    private Jobs() {
    }

    /** Executes every async continuation of the instance until none is left (timers stay); answers how many ran. */
    public static int runDue(ManagementService management, String processInstanceId) {
        int ran = 0;
        for (int guard = 0; guard < 100; guard++) {
            List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).messages().list();
            if (due.isEmpty()) {
                return ran;
            }
            for (Job job : due) {
                management.executeJob(job.getId());
                ran++;
            }
        }
        throw new IllegalStateException("process instance " + processInstanceId + " keeps producing jobs");
    }

    /** Fires the instance's (single) timer now, whatever its due date. */
    public static void fireTimer(ManagementService management, String processInstanceId) {
        Job timer = management.createJobQuery().processInstanceId(processInstanceId).timers().singleResult();
        if (timer == null) {
            throw new AssertionError("process instance " + processInstanceId + " has no timer");
        }
        management.executeJob(timer.getId());
    }
}
