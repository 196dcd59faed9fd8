package org.breachnotify.harness;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** What the harnesses print: one line each, with the time of day. */
public final class Console {
    private Console() {
    }

    public static void say(String format, Object... args) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + String.format(Locale.ROOT, format,
                args));
    }

    public static double secondsSince(Instant started) {
        return Duration.between(started, Instant.now()).toMillis() / 1000.0;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
