package org.breachnotify.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Where the relay's scheduled loops start: past the last loop's mark, and from the beginning every full-scan interval. */
class RelayMarksTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final RelayMarks marks = new RelayMarks(2, Duration.ofSeconds(10), clock::get);

    @Test
    void theFirstLoopOfEachWorkerStartsFromTheBeginningAndLaterOnesPastTheirOwnMark() {
        assertThat(marks.startOf(0)).isZero();
        assertThat(marks.startOf(1)).isZero();
        marks.reached(0, 4_200);
        marks.reached(1, 3_900);

        clock.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(marks.startOf(0)).isEqualTo(4_200);
        assertThat(marks.startOf(1)).isEqualTo(3_900);
    }

    @Test
    void aFullScanIsDueAfterTheIntervalAndOnlyRaisesTheMark() {
        marks.startOf(0);
        marks.reached(0, 4_200);
        clock.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(marks.startOf(0)).as("a full scan: a retry behind the mark has come due").isZero();
        marks.reached(0, 17);   // it found only the retry, id 17
        assertThat(marks.startOf(0)).as("every due row past 4,200 was claimed before").isEqualTo(4_200);

        marks.reached(0, 0);   // a loop that claimed nothing
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(marks.startOf(0)).isEqualTo(4_200);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(marks.startOf(0)).isZero();
    }
}
