package org.breachnotify.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.breachnotify.support.CheckConstraints;
import org.breachnotify.support.ProcessTestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@ProcessTestContext
class LetterStatusTest {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_database_admits_exactly_the_statuses_of_the_enum() {
        assertThat(CheckConstraints.valuesAllowed(jdbc, "letter_status_known"))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(LetterStatus.values()).map(Enum::name).toList());
    }
}
