package org.breachnotify.engine;

import java.util.Set;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.history.HistoryLevelAudit;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.pvm.PvmActivity;
import org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl;

/**
 * The engine's history level {@value #NAME} (id {@value #ID}, ADR 15 and 16): everything level {@code audit} records
 * (process instances, tasks, activity instances, variables) except the activity instances of the elements that only
 * route a journey (none start events, none end events, gateways) and of its receive tasks, the waits.
 * <ul>
 * <li>A journey's start and end elements stay in its process-instance history ({@code START_ACT_ID_},
 * {@code END_ACT_ID_}); the way a gateway chose shows in the activity that followed it and in the variables it read
 * off the happy path (ADR 14).</li>
 * <li>A wait's start and end are the letter's own dates ({@code letter.journey_instance_id}, {@code posted_date},
 * {@code window_closed_at}, the returned-mail rows), kept in our tables (ADR 16). While a journey waits, Cockpit
 * shows it from the runtime tables.</li>
 * <li>Every other activity instance (service and user tasks, intermediate events, message start events) is recorded
 * as at {@code audit}: the rare paths keep their whole history.</li>
 * </ul>
 * A happy-path journey writes no activity-instance row; at {@code audit} it wrote five, and closing its return window
 * spent most of its database time on them (ADR 15, 16).
 *
 * <p>The engine keeps the level's id in {@code ACT_GE_PROPERTY} and refuses to start at another one;
 * {@link HistoryLevelSettings} moves a database from {@code audit} or {@code audit-without-routing} (id 20, ADR 15) to
 * this level, whose rows are a subset of both.
 */
public final class AuditWithoutRoutingOrWaitsHistoryLevel extends HistoryLevelAudit {
    /** The name {@code camunda.bpm.history-level} selects it by. */
    public static final String NAME = "audit-without-routing-or-waits";
    /** The id the engine stores in {@code ACT_GE_PROPERTY} (Camunda's own levels are 0 to 3). */
    public static final int ID = 21;
    /** The id of ADR 15's level {@code audit-without-routing}, which recorded the waits; a database there is moved. */
    static final int WITHOUT_ROUTING_ID = 20;

    /** Activity types ({@code ActivityImpl} property {@code type}) whose instances are not recorded. */
    static final Set<String> NOT_RECORDED = Set.of(ActivityTypes.START_EVENT, ActivityTypes.END_EVENT_NONE,
            ActivityTypes.GATEWAY_EXCLUSIVE, ActivityTypes.GATEWAY_INCLUSIVE, ActivityTypes.GATEWAY_PARALLEL,
            ActivityTypes.GATEWAY_EVENT_BASED, ActivityTypes.GATEWAY_COMPLEX, ActivityTypes.TASK_RECEIVE_TASK);

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
            if (activity != null && NOT_RECORDED.contains((String) activity.getProperty("type"))) {
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
