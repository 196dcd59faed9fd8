package org.breachnotify.crash;

import static org.breachnotify.harness.Console.say;
import static org.breachnotify.harness.Console.secondsSince;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.breachnotify.harness.CampaignChecks;
import org.breachnotify.harness.DemoDatabase;
import org.breachnotify.harness.JarApp;
import org.breachnotify.harness.Staff;
import org.springframework.util.FileSystemUtils;

/**
 * The crash test (README, "Crash test"; {@code scripts/crash-test.sh}). Runs the demo campaign from the built jar on
 * its own data folder and embedded PostgreSQL, kills it with SIGKILL at random moments and halts it at each named
 * crash point ({@code breachnotify.crash-at}, see {@code CrashPoints}), starts it again every time, lets a last run
 * finish the campaign and then checks from the database and the files that nothing was lost, doubled or left half
 * done ({@link CampaignChecks}). Every named point must be reached once; a deeper one ({@code point@n}, the n-th time in
 * a run) may go unreached when the campaign has moved past it. Plays the staff meanwhile (dismisses doubtful matches,
 * closes returned letters) and runs an SMTP server for the print house's notices. Not a unit test and never part of
 * {@code mvn verify}.
 *
 * <p>Settings, as {@code -Dcrash.<name>=value}: {@code people} (3000), {@code random-kills} (30), {@code seed}
 * (random; printed, to repeat a run), {@code dir} (target/crash-test), {@code named} (the named points, comma
 * separated, {@code point@n} for the n-th time), {@code finish-timeout} (PT40M).
 */
public final class CrashHarness {
    static final String CAMPAIGN = "demo";
    private static final Duration NAMED_POINT_LIMIT = Duration.ofMinutes(2);

    private final Path dir = Path.of(System.getProperty("crash.dir", "target/crash-test")).toAbsolutePath();
    private final Path dataDir = dir.resolve("data");
    private final int people = Integer.getInteger("crash.people", 3000);
    private final int randomKills = Integer.getInteger("crash.random-kills", 30);
    private final long seed = Long.getLong("crash.seed", new Random().nextLong());
    private final List<String> named = List.of(System.getProperty("crash.named",
            "demo-files-written,file-claimed,batch-ticket-renamed,mid-correlation,"
                    + "file-claimed@2,batch-ticket-renamed@2,mid-correlation@20")
            .split(","));
    private final Duration finishTimeout = Duration.parse(System.getProperty("crash.finish-timeout", "PT40M"));
    private final Random random = new Random(seed);
    private final int pgPort = JarApp.freePort();
    private final int smtpPort = JarApp.freePort();
    private final DemoDatabase database = new DemoDatabase(pgPort, CAMPAIGN);
    private final List<String> outcomes = new ArrayList<>();
    private final Set<String> halted = new TreeSet<>();
    private String lastStatus = "none";
    private JarApp app;
    private int run;

    public static void main(String[] args) throws Exception {
        int failures = new CrashHarness().runAll();
        System.exit(failures == 0 ? 0 : 1);
    }

    private int runAll() throws Exception {
        Path jar = JarApp.findJar();
        app = new JarApp("app", jar, JarApp.freePort(), "1g", List.of(
                "--breachnotify.data-dir=" + dataDir,
                "--breachnotify.embedded-postgres.port=" + pgPort,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--breachnotify.demo.people=" + people,
                "--breachnotify.demo.round-interval=PT3S",
                // long enough that a return never loses the race against its window while the relay catches up
                "--breachnotify.demo.return-window=PT15M",
                "--breachnotify.demo.batch-size=200",
                "--breachnotify.demo.batch-max-wait=PT10S",
                "--breachnotify.demo.print-house-poll-interval=3s"), Map.of());
        JarApp.stopPostgresLeftBy(dataDir);
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir.resolve("logs"));
        say("Crash test: %d people, %d random kills, named points %s, seed %d", people, randomKills, named, seed);
        say("Jar %s; data in %s; logs in %s", jar, dataDir, dir.resolve("logs"));
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Staff staff = Staff.startWorkingThrough(app);
        Map<String, Integer> kills = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        try {
            // The first named points where they are surely reached (the demo's start, the register's claim in the
            // first round, the first batch, the first confirmation); the deeper ones early among the random kills,
            // while files, batches and confirmations still come.
            List<String> deeper = new ArrayList<>(named.stream().filter(n -> n.contains("@")).toList());
            for (String point : named.stream().filter(n -> !n.contains("@")).toList()) {
                kills.merge(namedHalt(point).kind(), 1, Integer::sum);
            }
            int duringCampaign = 0;
            while (duringCampaign < randomKills) {
                Outcome outcome = randomKill();
                kills.merge(outcome.kind(), 1, Integer::sum);
                if (!outcome.campaignRunning()) {
                    failures.add("the campaign finished after only " + duringCampaign + " random kills while it ran;"
                            + " give it more people or a longer return window");
                    break;
                }
                duringCampaign++;
                if (duringCampaign % 3 == 0 && !deeper.isEmpty()) {
                    kills.merge(namedHalt(deeper.remove(0)).kind(), 1, Integer::sum);
                }
            }
            say("Kills done: %s (random kills while the campaign ran: %d). Last run: left to finish the campaign.",
                    kills, duringCampaign);
            if (!finish()) {
                failures.add("the campaign did not finish within " + finishTimeout);
            }
            named.stream().map(n -> n.split("@")[0]).distinct().filter(n -> !halted.contains(n))
                    .forEach(n -> failures.add("the named point " + n + " was never reached"));
            if (kills.containsKey("start failed")) {
                failures.add(kills.get("start failed") + " start(s) failed by themselves after a kill");
            }
            try (Connection db = database.connect()) {
                failures.addAll(new CampaignChecks(db, dataDir, CAMPAIGN, smtp.getReceivedMessages().length).run());
            }
            say("Runs: %d; outcomes: %s", run, kills);
            outcomes.forEach(o -> say("  %s", o));
            if (failures.isEmpty()) {
                say("CRASH TEST PASSED: every check holds after %d kills.", run - 1);
            } else {
                say("CRASH TEST FAILED:");
                failures.forEach(f -> say("  - %s", f));
            }
            return failures.size();
        } finally {
            staff.stop();
            app.stopGracefully();
            JarApp.stopPostgresLeftBy(dataDir);
            smtp.stop();
        }
    }

    /** What a run ended with, and whether the campaign was still running when it ended. */
    private record Outcome(String kind, boolean campaignRunning) {
    }

    /** Starts the application and kills it with SIGKILL at a random moment: one in five while it starts. */
    private Outcome randomKill() throws Exception {
        Instant started = Instant.now();
        start(null);
        boolean duringStart = random.nextInt(5) == 0;
        Duration wait;
        if (duringStart) {
            wait = Duration.ofMillis(500 + random.nextInt(20_000));
        } else {
            Optional<Duration> ready = app.awaitReady(Duration.ofMinutes(3));
            if (ready.isEmpty()) {
                return record("start failed", "did not start (exit " + app.exitCode() + ")");
            }
            wait = Duration.between(started, Instant.now()).plusMillis(random.nextInt(30_000));
        }
        Optional<Integer> exited = app.waitForExit(Duration.between(Instant.now(), started.plus(wait)));
        if (exited.isPresent()) {
            return record("start failed", "exited by itself with " + exited.get());
        }
        String progress = database.progress();
        app.kill();
        return record("random kill", "SIGKILL after %.1f s%s; %s".formatted(secondsSince(started),
                duringStart ? " (while starting)" : "", progress));
    }

    /** Starts the application armed to halt itself at a named point and waits until it has. */
    private Outcome namedHalt(String point) throws Exception {
        Instant started = Instant.now();
        start(point);
        Instant deadline = started.plus(NAMED_POINT_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<Integer> exited = app.waitForExit(Duration.ofSeconds(2));
            if (exited.isPresent()) {
                int exit = exited.get();
                if (exit != 137) {
                    return record("start failed", "exited with " + exit + " before reaching " + point);
                }
                halted.add(point.split("@")[0]);
                return record("named halt", "halted at %s after %.1f s".formatted(point, secondsSince(started)));
            }
            if ("COMPLETED".equals(database.campaignStatus())) {
                break;
            }
        }
        String progress = database.progress();
        app.kill();
        return record("named point not reached", "%s not reached; SIGKILL after %.1f s; %s"
                .formatted(point, secondsSince(started), progress));
    }

    /** The last run: no kill; waits until the campaign has completed. */
    private boolean finish() throws Exception {
        Instant started = Instant.now();
        start(null);
        Instant deadline = started.plus(finishTimeout);
        Instant lastSaid = started;
        while (Instant.now().isBefore(deadline)) {
            Optional<Integer> exited = app.waitForExit(Duration.ofSeconds(5));
            if (exited.isPresent()) {
                record("start failed", "last run exited by itself with " + exited.get());
                return false;
            }
            if ("COMPLETED".equals(database.campaignStatus())) {
                record("finished", "campaign completed after %.1f s; %s".formatted(secondsSince(started),
                        database.progress()));
                return true;
            }
            if (Duration.between(lastSaid, Instant.now()).toSeconds() >= 30) {
                say("  ... %s", database.progress());
                lastSaid = Instant.now();
            }
        }
        return false;
    }

    private void start(String crashAt) throws IOException {
        run++;
        List<String> extra = crashAt == null ? List.of() : List.of("--breachnotify.crash-at=" + crashAt);
        app.start(extra, dir.resolve("logs").resolve("run-%02d.log".formatted(run)));
    }

    private Outcome record(String kind, String what) {
        String line = "run %02d  %-24s %s".formatted(run, kind, what);
        outcomes.add(line);
        say("%s", line);
        String status = database.campaignStatus();
        if (!status.equals("unknown")) {
            lastStatus = status;
        }
        return new Outcome(kind, "RUNNING".equals(lastStatus) || "none".equals(lastStatus));
    }
}
