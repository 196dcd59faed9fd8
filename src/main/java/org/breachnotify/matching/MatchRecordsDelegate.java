package org.breachnotify.matching;

import static org.breachnotify.engine.ProcessVariables.CAMPAIGN_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component
public class MatchRecordsDelegate implements JavaDelegate {
    private final MatchingService matching;

    public MatchRecordsDelegate(MatchingService matching) {
        this.matching = matching;
    }

    @Override
    public void execute(DelegateExecution execution) {
        matching.matchNewRecords(CAMPAIGN_ID.get(execution));
    }
}
