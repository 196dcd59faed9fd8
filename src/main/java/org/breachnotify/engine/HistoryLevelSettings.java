package org.breachnotify.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the history level {@value AuditWithoutRoutingOrWaitsHistoryLevel#NAME} known to the engine (a process engine
 * plugin, picked up by the Spring Boot starter), so that {@code camunda.bpm.history-level} can name it (ADR 15, 16).
 *
 * <p>When that level is configured, a database the engine created at level {@code audit}, or at ADR 15's
 * {@code audit-without-routing}, is moved to it before the engine checks the level (its own check would refuse to
 * start): the new level records a subset of both, so the rows already written stay valid. Any other stored level
 * still meets the engine's own refusal ("historyLevel mismatch"). The move is one conditional UPDATE, safe when
 * several nodes start at once.
 */
@Component
public class HistoryLevelSettings extends AbstractProcessEnginePlugin {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryLevelSettings.class);
    /** The stored levels a database is moved from: {@code audit} and {@code audit-without-routing}. */
    private static final String AUDIT_ID = Integer.toString(HistoryLevel.HISTORY_LEVEL_AUDIT.getId());
    private static final String WITHOUT_ROUTING_ID =
            Integer.toString(AuditWithoutRoutingOrWaitsHistoryLevel.WITHOUT_ROUTING_ID);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> custom = configuration.getCustomHistoryLevels() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
        custom.add(new AuditWithoutRoutingOrWaitsHistoryLevel());
        configuration.setCustomHistoryLevels(custom);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (AuditWithoutRoutingOrWaitsHistoryLevel.NAME.equalsIgnoreCase(configuration.getHistory())) {
            moveToThisLevel(configuration.getDataSource(), configuration.getDatabaseTablePrefix());
        }
    }

    /**
     * Moves the engine's stored history level from {@code audit} (2) or {@code audit-without-routing} (20) to
     * {@value AuditWithoutRoutingOrWaitsHistoryLevel#NAME}; nothing when the engine's tables do not exist yet or the
     * stored level is another one.
     *
     * @return whether the stored level was moved
     * @throws ProcessEngineException naming the table and the database's reason when the update fails
     */
    static boolean moveToThisLevel(DataSource dataSource, String tablePrefix) {
        String table = tablePrefix + "ACT_GE_PROPERTY";
        try (Connection connection = dataSource.getConnection()) {
            if (!tableExists(connection, tablePrefix, "act_ge_property")) {
                return false;   // a new database: the engine stores the configured level itself
            }
            boolean moved;
            try (PreparedStatement update = connection.prepareStatement("update " + table
                    + " set VALUE_ = ?, REV_ = REV_ + 1 where NAME_ = 'historyLevel' and VALUE_ in (?, ?)")) {
                update.setString(1, Integer.toString(AuditWithoutRoutingOrWaitsHistoryLevel.ID));
                update.setString(2, AUDIT_ID);
                update.setString(3, WITHOUT_ROUTING_ID);
                moved = update.executeUpdate() == 1;
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (moved) {
                LOG.info("engine history level moved to {} (ADR 15, 16); the history already written stays",
                        AuditWithoutRoutingOrWaitsHistoryLevel.NAME);
            }
            return moved;
        } catch (SQLException e) {
            throw new ProcessEngineException("could not move the engine's history level to "
                    + AuditWithoutRoutingOrWaitsHistoryLevel.NAME + " in " + table + ": " + e.getMessage(), e);
        }
    }

    private static boolean tableExists(Connection connection, String prefix, String table) throws SQLException {
        String schema = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : null;
        try (var tables = connection.getMetaData().getTables(null, schema, table, new String[] {"TABLE"})) {
            return tables.next();
        }
    }
}
