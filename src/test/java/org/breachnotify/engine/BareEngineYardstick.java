package org.breachnotify.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The engine's own speed on this machine and database, measured in the same run as the campaign so that each of
 * the campaign's stages can be given as a ratio to it (the brief's feasibility probe, ENGINE-THROUGHPUT.md): a model
 * of a start event, two expression service tasks and a receive task, started one per transaction and 200 per engine
 * command, then every instance's message correlated by process instance id, 200 per command.
 *
 * <p>Nested engine calls inside one command share its context, so 200 starts make one flush, which lets JDBC batch
 * the inserts of all of them.
 */
public final class BareEngineYardstick {

    /** Instances per second, each figure measured separately. */
    public record Result(double startsOnePerTransaction, double startsPerChunk, double correlationsPerChunk) {
    }

    private static final String KEY = "Yardstick";
    private static final String MESSAGE = "Msg_YardstickPosted";
    private static final int CHUNK = 200;

    private BareEngineYardstick() {
    }

    /**
     * Deploys the model, then measures.
     *
     * @param oneByOne how many instances to start one per transaction
     * @param chunked  how many to start {@value #CHUNK} per command, and correlate likewise
     */
    public static Result measure(ProcessEngine engine, int oneByOne, int chunked) {
        RuntimeService runtime = engine.getRuntimeService();
        String definitionId = engine.getRepositoryService().createDeployment().name("yardstick")
                .addModelInstance("yardstick.bpmn", model()).deployWithResult().getDeployedProcessDefinitions()
                .get(0).getId();
        CommandExecutor commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();

        long t0 = System.nanoTime();
        for (int i = 0; i < oneByOne; i++) {
            runtime.startProcessInstanceById(definitionId, "yardstick/single-" + i);
        }
        double single = oneByOne / seconds(t0);

        List<String> ids = new ArrayList<>(chunked);
        t0 = System.nanoTime();
        for (int from = 0; from < chunked; from += CHUNK) {
            int start = from;
            int end = Math.min(chunked, from + CHUNK);
            ids.addAll(commands.execute(context -> {
                List<String> started = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    started.add(runtime.startProcessInstanceById(definitionId, "yardstick/" + i).getId());
                }
                return started;
            }));
        }
        double starts = chunked / seconds(t0);

        t0 = System.nanoTime();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            commands.execute(context -> {
                chunk.forEach(id -> runtime.createMessageCorrelation(MESSAGE).processInstanceId(id).correlate());
                return null;
            });
        }
        double correlations = ids.size() / seconds(t0);
        return new Result(single, starts, correlations);
    }

    private static BpmnModelInstance model() {
        return Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("First").camundaExpression("${true}")
                .serviceTask("Second").camundaExpression("${true}")
                .receiveTask("WaitForPosting").message(MESSAGE)
                .endEvent()
                .done();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
