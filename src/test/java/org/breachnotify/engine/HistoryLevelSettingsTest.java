package org.breachnotify.engine;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.breachnotify.support.ProcessTestContext;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine runs at history level {@code audit-without-routing-or-waits}, and a database at {@code audit} or
 * {@code audit-without-routing} moves to it (ADR 15, 16).
 */
@ProcessTestContext
class HistoryLevelSettingsTest {
    private static final String STORED_LEVEL = "select value_ from act_ge_property where name_ = 'historyLevel'";

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void restoreTheLevel() {
        jdbc.update("update act_ge_property set value_ = ? where name_ = 'historyLevel'",
                Integer.toString(AuditWithoutRoutingOrWaitsHistoryLevel.ID));
    }

    @Test
    void theEngineRunsAndStoresTheLevelWithoutRoutingOrWaitRows() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getHistoryLevel().getName()).isEqualTo(AuditWithoutRoutingOrWaitsHistoryLevel.NAME);
        assertThat(jdbc.queryForObject(STORED_LEVEL, String.class)).isEqualTo("21");
    }

    @Test
    void aDatabaseAtAuditOrWithoutRoutingIsMovedOnceAndAnyOtherLevelIsLeftToTheEnginesOwnCheck() {
        for (String earlier : new String[] {"2", "20"}) {
            jdbc.update("update act_ge_property set value_ = ? where name_ = 'historyLevel'", earlier);
            assertThat(HistoryLevelSettings.moveToThisLevel(dataSource, "")).as("from " + earlier).isTrue();
            assertThat(jdbc.queryForObject(STORED_LEVEL, String.class)).isEqualTo("21");
            assertThat(HistoryLevelSettings.moveToThisLevel(dataSource, "")).as("a second node starting").isFalse();
        }

        jdbc.update("update act_ge_property set value_ = '3' where name_ = 'historyLevel'");
        assertThat(HistoryLevelSettings.moveToThisLevel(dataSource, "")).isFalse();
        assertThat(jdbc.queryForObject(STORED_LEVEL, String.class)).as("full is not audit").isEqualTo("3");
    }
}
