package org.breachnotify.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * For the crash test only: the moments where a crash hurts most, named, so that the test can kill the process exactly
 * there. With {@code breachnotify.crash-at=<point>} (or {@code <point>@<n>}: the n-th time it is reached) the process
 * halts at that point as a {@code kill -9} would stop it: no shutdown hooks, no finally blocks, exit status 137.
 * Unset, as everywhere but in the crash test, {@link #reached} does nothing.
 */
@Component
public class CrashPoints {
    private static final Logger log = LoggerFactory.getLogger(CrashPoints.class);

    public enum Point {
        /** The demo's files are in its inbox; its campaign has not been started yet. */
        DEMO_FILES_WRITTEN,
        /** An inbox file has been claimed and moved to {@code .processing}, its import not yet begun. */
        FILE_CLAIMED,
        /** A print batch's job ticket has been renamed into place, so the print house may already take it. */
        BATCH_TICKET_RENAMED,
        /** The engine has correlated a message of a relay chunk whose transaction has not committed yet. */
        MID_CORRELATION;

        String setting() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Point armed;
    private final int atVisit;
    private final AtomicInteger visits = new AtomicInteger();

    public CrashPoints(@Value("${breachnotify.crash-at:}") String crashAt) {
        if (!StringUtils.hasText(crashAt)) {
            armed = null;
            atVisit = 0;
            return;
        }
        String[] parts = crashAt.trim().split("@", 2);
        armed = Arrays.stream(Point.values()).filter(p -> p.setting().equals(parts[0])).findFirst()
                .orElseThrow(() -> new IllegalStateException("breachnotify.crash-at names no crash point: " + crashAt
                        + " (one of " + Arrays.stream(Point.values()).map(Point::setting).toList()
                        + ", optionally @n)"));
        atVisit = parts.length == 2 ? Integer.parseInt(parts[1]) : 1;
        log.warn("Crash test: this process halts when it reaches {} (time {})", armed.setting(), atVisit);
    }

    public void reached(Point point) {
        if (point == armed && visits.incrementAndGet() == atVisit) {
            log.warn("Crash test: halting at {}", point.setting());
            Runtime.getRuntime().halt(137);
        }
    }
}
