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

/** The engine runs at history level {@code audit-without-routing}, and a database at {@code audit} moves to it (ADR 15). */
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
                Integer.toString(AuditWithoutRoutingHistoryLevel.ID));
    }

    @Test
    void theEngineRunsAndStoresTheLevelWithoutRoutingRows() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getHistoryLevel().getName()).isEqualTo(AuditWithoutRoutingHistoryLevel.NAME);
        assertThat(jdbc.queryForObject(STORED_LEVEL, String.class)).isEqualTo("20");
    }

    @Test
    void aDatabaseAtAuditIsMovedOnceAndAnyOtherLevelIsLeftToTheEnginesOwnCheck() {
        jdbc.update("update act_ge_property set value_ = '2' where name_ = 'historyLevel'");
        assertThat(HistoryLevelSettings.moveFromAudit(dataSource, "")).isTrue();
        assertThat(jdbc.queryForObject(STORED_LEVEL, String.class)).isEqualTo("20");
        assertThat(HistoryLevelSettings.moveFromAudit(dataSource, "")).as("a second node starting").isFalse();

        jdbc.update("update act_ge_property set value_ = '3' where name_ = 'historyLevel'");
        assertThat(HistoryLevelSettings.moveFromAudit(dataSource, "")).isFalse();
        assertThat(jdbc.queryForObject(STORED_LEVEL, String.class)).as("full is not audit").isEqualTo("3");
    }
}
