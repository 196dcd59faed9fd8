package org.breachnotify.journey;

import java.util.ArrayList;
import java.util.List;
import org.breachnotify.journey.Journeys.JourneyEnd;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records how a person's journey ended (the end event's id), which the campaign's progress check counts. A person
 * whose corrective journey still runs is not done yet: the person counts open journeys. The person is found by the
 * journey's business key, {@code <campaign code>/<participant id>}; no variable is read.
 *
 * <p>The ends of one transaction are recorded together just before it commits ({@link Journeys#recordEnds}, one
 * statement): the relay closes hundreds of return windows per engine command, and a statement per journey cost more
 * than the rest of our share of closing them. A journey without a person fails the commit, so the engine command (and
 * with it the end) rolls back; the relay then retries that chunk row by row, and a job its retries.
 */
@Component
public class RecordJourneyEndListener implements ExecutionListener {
    private final Journeys journeys;

    public RecordJourneyEndListener(Journeys journeys) {
        this.journeys = journeys;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        int slash = key.indexOf('/');
        Ended ended = new Ended(new JourneyEnd(key.substring(0, slash), key.substring(slash + 1),
                execution.getCurrentActivityId()), execution.getProcessInstanceId(), key);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            record(List.of(ended));
            return;
        }
        EndsOfTransaction pending = (EndsOfTransaction) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new EndsOfTransaction();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.ended.add(ended);
    }

    private void record(List<Ended> ended) {
        List<JourneyEnd> missing = journeys.recordEnds(ended.stream().map(Ended::end).toList());
        if (!missing.isEmpty()) {
            Ended first = ended.stream().filter(e -> missing.contains(e.end())).findFirst().orElseThrow();
            throw new IllegalStateException("journey " + first.instanceId() + " (" + first.businessKey()
                    + ") has no person" + (missing.size() > 1 ? ", nor have " + (missing.size() - 1) + " more" : ""));
        }
    }

    private record Ended(JourneyEnd end, String instanceId, String businessKey) {
    }

    /** The ends recorded by one transaction, written just before it commits. */
    private final class EndsOfTransaction implements TransactionSynchronization {
        private final List<Ended> ended = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            record(ended);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(RecordJourneyEndListener.this);
        }
    }
}
