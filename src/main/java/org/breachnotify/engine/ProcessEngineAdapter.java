package org.breachnotify.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.breachnotify.register.Group;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one place that talks to the process engine's API (start, continue, count). Everything else goes through
 * here, so moving to Operaton or another Camunda-7-compatible engine touches this class only.
 */
@Component
public class ProcessEngineAdapter {
    private static final String REVIEW_KEY_PREFIX = "review-";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final RepositoryService repository;
    private final ProcessEngine engine;
    private final JdbcTemplate jdbc;

    public ProcessEngineAdapter(RuntimeService runtime, TaskService tasks, RepositoryService repository,
                                ProcessEngine engine, JdbcTemplate jdbc) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.repository = repository;
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

    public static String reviewKey(long reviewId) {
        return REVIEW_KEY_PREFIX + reviewId;
    }

    public String startCampaign(long campaignId) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(ProcessVariables.CAMPAIGN_ID.name(), campaignId);
        ProcessInstance instance = runtime.startProcessInstanceByKey(ProcessModels.CAMPAIGN, campaignKey(campaignId), vars);
        return instance.getId();
    }

    /**
     * Runs {@code work} as one engine command: every engine call inside shares one command context, so the engine
     * flushes once for all of them and JDBC batching works across people (ADR 10). It joins the caller's Spring
     * transaction. Any failure fails the whole unit.
     */
    public <T> T inOneCommand(java.util.function.Supplier<T> work) {
        return ((ProcessEngineImpl) engine).getProcessEngineConfiguration().getCommandExecutorTxRequired()
                .execute(context -> work.get());
    }

    /** The deployed participant model's latest version, looked up once per chunk of starts rather than per start. */
    public String latestJourneyDefinition() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(ProcessModels.PARTICIPANT)
                .latestVersion().singleResult().getId();
    }

    /**
     * Starts one person's journey and answers its process instance id. Only what routes is set, and only as long as it
     * routes (ADR 14): {@code group} and {@code letterId} are read by the start's gateway alone, so they are transient
     * (never stored, never in history), except that a journey for a return after the window keeps {@code letterId}
     * and {@code returnReason} for the staff task that may follow; {@code corrective} is stored, only when true, for
     * the letter the journey writes itself.
     */
    public String startJourney(String definitionId, JourneyStart start) {
        boolean lateReturn = start.returnReason() != null;
        var builder = runtime.createProcessInstanceById(definitionId).businessKey(start.businessKey())
                .setVariable(ProcessVariables.GROUP.name(), ProcessVariables.GROUP.transientValue(start.group()));
        if (start.letterId() != null) {
            builder.setVariable(ProcessVariables.LETTER_ID.name(), lateReturn ? start.letterId()
                    : ProcessVariables.LETTER_ID.transientValue(start.letterId()));
        }
        if (start.corrective()) {
            builder.setVariable(ProcessVariables.CORRECTIVE.name(), true);
        }
        if (lateReturn) {
            builder.setVariable(ProcessVariables.RETURN_REASON.name(), start.returnReason());
        }
        return builder.execute().getId();
    }

    /** What a journey starts with; see {@link #startJourney}. */
    public record JourneyStart(String businessKey, Group group, String letterId, boolean corrective,
                               String returnReason) {
    }

    public void startReview(long reviewId, long campaignId) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(ProcessVariables.REVIEW_ID.name(), reviewId);
        vars.put(ProcessVariables.CAMPAIGN_ID.name(), campaignId);
        runtime.startProcessInstanceByKey(ProcessModels.MATCH_REVIEW, reviewKey(reviewId), vars);
    }

    /**
     * Continues one journey where it waits for {@code signal} (ADR 13): its own execution, found by the process
     * instance id (one primary-key read, no query and no message subscription), is signalled with {@code variables}
     * and, for the wait for a return, the transient {@link ProcessVariables#WAIT_OUTCOME}. Runs in the caller's
     * engine command when there is one. Fails with an {@link IllegalStateException} when the journey does not wait
     * there (not yet, or no longer): the relay then retries, as it did when a message found no subscription.
     */
    public void continueJourney(String processInstanceId, JourneySignal signal, Map<String, Object> variables) {
        if (!continueJourneyIfWaiting(processInstanceId, signal, variables)) {
            throw new IllegalStateException("journey " + processInstanceId + " does not wait at " + signal.waitsAt());
        }
    }

    /** Like {@link #continueJourney}, but a journey that does not wait there is left alone; answers whether one did. */
    public boolean continueJourneyIfWaiting(String processInstanceId, JourneySignal signal,
                                            Map<String, Object> variables) {
        Map<String, Object> withOutcome = new HashMap<>(variables);
        if (signal != JourneySignal.POSTED) {
            withOutcome.put(ProcessVariables.WAIT_OUTCOME.name(), ProcessVariables.WAIT_OUTCOME.transientValue(signal));
        }
        return ((ProcessEngineImpl) engine).getProcessEngineConfiguration().getCommandExecutorTxRequired()
                .execute(context -> {
                    ExecutionEntity journey = context.getExecutionManager().findExecutionById(processInstanceId);
                    if (journey == null) {
                        return false;
                    }
                    if (signal.waitsAt().equals(journey.getActivityId())) {
                        runtime.signal(processInstanceId, withOutcome);
                        return true;
                    }
                    // started on a model before the signals: waiting in a child execution on a message
                    return !runtime.createMessageCorrelation(signal.messageOfEarlierModels())
                            .processInstanceId(processInstanceId).setVariables(variables).correlateAllWithResult()
                            .isEmpty();
                });
    }

    public boolean isCampaignRunning(long campaignId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ProcessModels.CAMPAIGN)
                .processInstanceBusinessKey(campaignKey(campaignId)).count() > 0;
    }

    /**
     * Open staff tasks of one kind in a campaign: journeys' tasks are found by their business key, match reviews'
     * by their campaign variable.
     */
    public long openTasks(long campaignId, String campaignCode, String taskDefinitionKey) {
        if (taskDefinitionKey.equals(ProcessModels.TASK_REVIEW_MATCH)) {
            return tasks.createTaskQuery().processDefinitionKey(ProcessModels.MATCH_REVIEW)
                    .processVariableValueEquals(ProcessVariables.CAMPAIGN_ID.name(), campaignId)
                    .taskDefinitionKey(taskDefinitionKey).count();
        }
        return tasks.createTaskQuery().processDefinitionKey(ProcessModels.PARTICIPANT)
                .processInstanceBusinessKeyLike(JourneyKeys.campaignPrefix(campaignCode) + "%")
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
}
