package org.breachnotify.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Counts the jobs this node executed and committed: the metric {@value #METRIC}. Several nodes share the engine's
 * jobs, and neither {@code act_ru_job} (a job is gone once done) nor the job log (history level {@code full} only)
 * says afterwards which node ran one. A command interceptor in front of the engine's transaction sees a job's command
 * return only after its commit (the job executor runs it in no outer transaction); a failing job throws and is not
 * counted. Like the engine's own {@code job-successful}, it also
 * counts the rare job that another transaction deleted just before it ran.
 */
@Component
public class JobsDoneCounter extends AbstractProcessEnginePlugin {
    public static final String METRIC = "breachnotify.engine.jobs.done";

    private final Counter done;

    public JobsDoneCounter(MeterRegistry meters) {
        this.done = Counter.builder(METRIC).description("jobs executed and committed by this node").register(meters);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                T result = next.execute(command);
                if (command instanceof ExecuteJobsCmd) {
                    done.increment();
                }
                return result;
            }
        });
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    /** Jobs this node has executed and committed since it started. */
    public long done() {
        return (long) done.count();
    }
}
