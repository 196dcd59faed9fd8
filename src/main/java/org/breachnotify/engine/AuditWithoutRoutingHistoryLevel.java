package org.breachnotify.engine;

import java.util.Set;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.history.HistoryLevelAudit;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.pvm.PvmActivity;
import org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl;

/**
 * The engine's history level {@value #NAME} (id {@value #ID}, ADR 15): everything level {@code audit} records
 * (process instances, tasks, activity instances, variables) except the activity instances of the elements that only
 * route a journey: none start events, none end events and gateways.
 * <ul>
 * <li>A journey's start and end elements stay in its process-instance history ({@code START_ACT_ID_},
 * {@code END_ACT_ID_}); the way a gateway chose shows in the activity that followed it and in the variables it read
 * off the happy path (ADR 14).</li>
 * <li>Every other activity instance (receive, service and user tasks, intermediate events, message start events) is
 * recorded as at {@code audit}.</li>
 * </ul>
 * A happy-path journey writes two activity-instance rows instead of five, which is what closing its return window
 * spends most of its database time on (ADR 15).
 *
 * <p>The engine keeps the level's id in {@code ACT_GE_PROPERTY} and refuses to start at another one;
 * {@link HistoryLevelSettings} moves a database from {@code audit} to this level, whose rows are a subset.
 */
public final class AuditWithoutRoutingHistoryLevel extends HistoryLevelAudit {
    /** The name {@code camunda.bpm.history-level} selects it by. */
    public static final String NAME = "audit-without-routing";
    /** The id the engine stores in {@code ACT_GE_PROPERTY} (Camunda's own levels are 0 to 3). */
    public static final int ID = 20;

    /** Activity types ({@code ActivityImpl} property {@code type}) whose instances are not recorded. */
    static final Set<String> ROUTING_ONLY = Set.of(ActivityTypes.START_EVENT, ActivityTypes.END_EVENT_NONE,
            ActivityTypes.GATEWAY_EXCLUSIVE, ActivityTypes.GATEWAY_INCLUSIVE, ActivityTypes.GATEWAY_PARALLEL,
            ActivityTypes.GATEWAY_EVENT_BASED, ActivityTypes.GATEWAY_COMPLEX);

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (isActivityInstanceEvent(eventType) && entity instanceof PvmExecutionImpl execution) {
            PvmActivity activity = execution.getActivity();
            if (activity != null && ROUTING_ONLY.contains((String) activity.getProperty("type"))) {
                return false;
            }
        }
        return super.isHistoryEventProduced(eventType, entity);
    }

    private static boolean isActivityInstanceEvent(HistoryEventType eventType) {
        return eventType == HistoryEventTypes.ACTIVITY_INSTANCE_START
                || eventType == HistoryEventTypes.ACTIVITY_INSTANCE_END
                || eventType == HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE
                || eventType == HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE;
    }
}
