package org.breachnotify.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one place that talks to the process engine's API (start, correlate, count). Everything else goes through
 * here, so moving to Operaton or another Camunda-7-compatible engine touches this class only.
 */
@Component
public class ProcessEngineAdapter {
    private static final String REVIEW_KEY_PREFIX = "review-";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final ProcessEngine engine;
    private final JdbcTemplate jdbc;

    public ProcessEngineAdapter(RuntimeService runtime, TaskService tasks, HistoryService history,
                                ProcessEngine engine, JdbcTemplate jdbc) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
        this.engine = engine;
        this.jdbc = jdbc;
    }

    /**
     * Releases jobs still locked by an earlier run of this node, which would otherwise wait out their lock time
     * after a restart. Only for a single node on its own database (the embedded one): elsewhere another node may
     * be executing them.
     */
    public int releaseJobsLockedByEarlierRuns() {
        String owner = jobExecutor().map(JobExecutor::getLockOwner).orElse("");
        // No engine API unlocks jobs; this is the same change the engine makes when a lock expires.
        return jdbc.update("""
                update act_ru_job set lock_owner_ = null, lock_exp_time_ = null, rev_ = rev_ + 1
                where lock_owner_ is not null and lock_owner_ <> ?""", owner);
    }

    /**
     * Stops acquiring jobs as soon as the application starts to shut down. Otherwise the executor keeps feeding its
     * thread pool during Spring's graceful stop and shutdown waits out every timeout.
     */
    @EventListener(ContextClosedEvent.class)
    public void stopJobAcquisition() {
        jobExecutor().filter(JobExecutor::isActive).ifPresent(JobExecutor::shutdown);
    }

    private Optional<JobExecutor> jobExecutor() {
        return Optional.ofNullable(((ProcessEngineImpl) engine).getProcessEngineConfiguration().getJobExecutor());
    }

    public static String campaignKey(long campaignId) {
        return "campaign-" + campaignId;
    }

    public static String personKey(long personId) {
        return "person-" + personId;
    }

    public static String reviewKey(long reviewId) {
        return REVIEW_KEY_PREFIX + reviewId;
    }

    public String startCampaign(long campaignId) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(ProcessVariables.CAMPAIGN_ID.name(), campaignId);
        ProcessInstance instance = runtime.startProcessInstanceByKey(ProcessModels.CAMPAIGN, campaignKey(campaignId), vars);
        return instance.getId();
    }

    /** Starts a person's journey for their classified group; {@code corrective} for a corrective letter. */
    public void startJourney(long personId, long campaignId, String group, boolean corrective) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(ProcessVariables.PERSON_ID.name(), personId);
        vars.put(ProcessVariables.CAMPAIGN_ID.name(), campaignId);
        vars.put(ProcessVariables.GROUP.name(), group);
        vars.put(ProcessVariables.CORRECTIVE.name(), corrective);
        runtime.startProcessInstanceByKey(ProcessModels.PARTICIPANT, personKey(personId), vars);
    }

    public void startReview(long reviewId, long campaignId) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(ProcessVariables.REVIEW_ID.name(), reviewId);
        vars.put(ProcessVariables.CAMPAIGN_ID.name(), campaignId);
        runtime.startProcessInstanceByKey(ProcessModels.MATCH_REVIEW, reviewKey(reviewId), vars);
    }

    /** Delivers a message to the one participant journey of a person; fails if it is not waiting for it. */
    public void correlateToJourney(String message, long personId, Map<String, Object> variables) {
        runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(personKey(personId))
                .setVariables(variables)
                .correlateWithResult();
    }

    /**
     * Delivers a message about a letter to the journey that wrote it: a person with a corrective letter has two
     * journeys, told apart by their letter id.
     */
    public void correlateToLetter(String message, long personId, String letterId, Map<String, Object> variables) {
        runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(personKey(personId))
                .processInstanceVariableEquals(ProcessVariables.LETTER_ID.name(), letterId)
                .setVariables(variables)
                .correlateWithResult();
    }

    public boolean isCampaignRunning(long campaignId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ProcessModels.CAMPAIGN)
                .processInstanceBusinessKey(campaignKey(campaignId)).count() > 0;
    }

    public long openTasks(long campaignId) {
        return tasks.createTaskQuery().processVariableValueEquals(ProcessVariables.CAMPAIGN_ID.name(), campaignId)
                .count();
    }

    public long openTasks(long campaignId, String taskDefinitionKey) {
        return tasks.createTaskQuery().processVariableValueEquals(ProcessVariables.CAMPAIGN_ID.name(), campaignId)
                .taskDefinitionKey(taskDefinitionKey).count();
    }

    /**
     * The open "Decide the doubtful match" tasks of a campaign, by review id, so a report can link each review to
     * its task in Tasklist. A review whose task is not created yet is absent.
     */
    /** The open Tasklist task of each given match review that has one, by review id (as many as reviews asked). */
    public Map<Long, String> openReviewTasks(Collection<Long> reviewIds) {
        if (reviewIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> taskByInstance = tasks.createTaskQuery()
                .processDefinitionKey(ProcessModels.MATCH_REVIEW)
                .taskDefinitionKey(ProcessModels.TASK_REVIEW_MATCH)
                .processInstanceBusinessKeyIn(reviewIds.stream().map(ProcessEngineAdapter::reviewKey)
                        .toArray(String[]::new))
                .list().stream()
                .collect(Collectors.toMap(Task::getProcessInstanceId, Task::getId, (a, b) -> a));
        if (taskByInstance.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> result = new HashMap<>();
        for (ProcessInstance pi : runtime.createProcessInstanceQuery()
                .processInstanceIds(Set.copyOf(taskByInstance.keySet())).list()) {
            String key = pi.getBusinessKey();
            if (key != null && key.startsWith(REVIEW_KEY_PREFIX)) {
                long reviewId = Long.parseLong(key.substring(REVIEW_KEY_PREFIX.length()));
                result.put(reviewId, taskByInstance.get(pi.getId()));
            }
        }
        return result;
    }

    public long finishedJourneys(long campaignId) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessModels.PARTICIPANT)
                .variableValueEquals(ProcessVariables.CAMPAIGN_ID.name(), campaignId).finished().count();
    }
}
