package org.breachnotify.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.breachnotify.support.CheckConstraints;
import org.breachnotify.support.ProcessTestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@ProcessTestContext
class PersonStageTest {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_database_admits_exactly_the_stages_of_the_enum() {
        assertThat(CheckConstraints.valuesAllowed(jdbc, "person_stage_known"))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(PersonStage.values()).map(Enum::name).toList());
    }
}
