package org.breachnotify.engine;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The one place that talks to the process engine's API (start, correlate, count). Everything else goes through
 * here, so moving to Operaton or another Camunda-7-compatible engine touches this class only.
 */
@Component
public class ProcessEngineAdapter {
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;

    public ProcessEngineAdapter(RuntimeService runtime, TaskService tasks, HistoryService history) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
    }

    public static String campaignKey(long campaignId) {
        return "campaign-" + campaignId;
    }

    public static String personKey(long personId) {
        return "person-" + personId;
    }

    public static String reviewKey(long reviewId) {
        return "review-" + reviewId;
    }

    public String startCampaign(long campaignId) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(ProcessVariables.CAMPAIGN_ID.name(), campaignId);
        ProcessInstance instance = runtime.startProcessInstanceByKey(ProcessModels.CAMPAIGN, campaignKey(campaignId), vars);
        return instance.getId();
    }

    public void startJourney(long personId, long campaignId) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(ProcessVariables.PERSON_ID.name(), personId);
        vars.put(ProcessVariables.CAMPAIGN_ID.name(), campaignId);
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

    public long finishedJourneys(long campaignId) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessModels.PARTICIPANT)
                .variableValueEquals(ProcessVariables.CAMPAIGN_ID.name(), campaignId).finished().count();
    }
}
