package org.breachnotify.crash;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.breachnotify.engine.ProcessModels;
import org.breachnotify.engine.ProcessVariables;
import org.breachnotify.review.ReviewService;
import org.springframework.util.FileSystemUtils;

/**
 * The crash test (README, "Crash test"; {@code scripts/crash-test.sh}). Runs the demo campaign from the built jar on
 * its own data folder and embedded PostgreSQL, kills it with SIGKILL at random moments and halts it at each named
 * crash point ({@code breachnotify.crash-at}, see {@code CrashPoints}), starts it again every time, lets a last run
 * finish the campaign and then checks from the database and the files that nothing was lost, doubled or left half
 * done ({@link CrashChecks}). Every named point must be reached once; a deeper one ({@code point@n}, the n-th time in
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
    private static final ObjectMapper JSON = new ObjectMapper();
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
    private final int httpPort = freePort();
    private final int pgPort = freePort();
    private final int smtpPort = freePort();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> outcomes = new ArrayList<>();
    private final Set<String> halted = new TreeSet<>();
    private volatile boolean playingStaff = true;
    private String lastStatus = "none";
    private Process app;
    private int run;

    public static void main(String[] args) throws Exception {
        int failures = new CrashHarness().runAll();
        System.exit(failures == 0 ? 0 : 1);
    }

    private int runAll() throws Exception {
        Path jar = findJar();
        stopPostgresLeftBy(dataDir);
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir.resolve("logs"));
        say("Crash test: %d people, %d random kills, named points %s, seed %d", people, randomKills, named, seed);
        say("Jar %s; data in %s; logs in %s", jar, dataDir, dir.resolve("logs"));
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Thread staff = new Thread(this::playStaff, "staff");
        staff.setDaemon(true);
        staff.start();
        Map<String, Integer> kills = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        try {
            // The first named points where they are surely reached (the demo's start, the register's claim in the
            // first round, the first batch, the first confirmation); the deeper ones early among the random kills,
            // while files, batches and confirmations still come.
            List<String> deeper = new ArrayList<>(named.stream().filter(n -> n.contains("@")).toList());
            for (String point : named.stream().filter(n -> !n.contains("@")).toList()) {
                kills.merge(namedHalt(jar, point).kind(), 1, Integer::sum);
            }
            int duringCampaign = 0;
            while (duringCampaign < randomKills) {
                Outcome outcome = randomKill(jar);
                kills.merge(outcome.kind(), 1, Integer::sum);
                if (!outcome.campaignRunning()) {
                    failures.add("the campaign finished after only " + duringCampaign + " random kills while it ran;"
                            + " give it more people or a longer return window");
                    break;
                }
                duringCampaign++;
                if (duringCampaign % 3 == 0 && !deeper.isEmpty()) {
                    kills.merge(namedHalt(jar, deeper.remove(0)).kind(), 1, Integer::sum);
                }
            }
            say("Kills done: %s (random kills while the campaign ran: %d). Last run: left to finish the campaign.",
                    kills, duringCampaign);
            if (!finish(jar)) {
                failures.add("the campaign did not finish within " + finishTimeout);
            }
            named.stream().map(n -> n.split("@")[0]).distinct().filter(n -> !halted.contains(n))
                    .forEach(n -> failures.add("the named point " + n + " was never reached"));
            if (kills.containsKey("start failed")) {
                failures.add(kills.get("start failed") + " start(s) failed by themselves after a kill");
            }
            try (Connection db = database()) {
                failures.addAll(new CrashChecks(db, dataDir, CAMPAIGN, smtp.getReceivedMessages().length).run());
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
            playingStaff = false;
            stopGracefully();
            stopPostgresLeftBy(dataDir);
            smtp.stop();
        }
    }

    /** What a run ended with, and whether the campaign was still running when it ended. */
    private record Outcome(String kind, boolean campaignRunning) {
    }

    /** Starts the application and kills it with SIGKILL at a random moment: one in five while it starts. */
    private Outcome randomKill(Path jar) throws Exception {
        Instant started = Instant.now();
        start(jar, null);
        boolean duringStart = random.nextInt(5) == 0;
        Duration wait;
        if (duringStart) {
            wait = Duration.ofMillis(500 + random.nextInt(20_000));
        } else {
            Optional<Duration> ready = awaitReady(Duration.ofMinutes(3));
            if (ready.isEmpty()) {
                return record("start failed", "did not start (exit " + exitCode() + ")");
            }
            wait = Duration.between(started, Instant.now()).plusMillis(random.nextInt(30_000));
        }
        if (app.waitFor(Duration.between(Instant.now(), started.plus(wait)).toMillis(), TimeUnit.MILLISECONDS)) {
            return record("start failed", "exited by itself with " + app.exitValue());
        }
        String progress = progress();
        app.destroyForcibly().waitFor();
        return record("random kill", "SIGKILL after %.1f s%s; %s".formatted(secondsSince(started),
                duringStart ? " (while starting)" : "", progress));
    }

    /** Starts the application armed to halt itself at a named point and waits until it has. */
    private Outcome namedHalt(Path jar, String point) throws Exception {
        Instant started = Instant.now();
        start(jar, point);
        Instant deadline = started.plus(NAMED_POINT_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (app.waitFor(2, TimeUnit.SECONDS)) {
                int exit = app.exitValue();
                if (exit != 137) {
                    return record("start failed", "exited with " + exit + " before reaching " + point);
                }
                halted.add(point.split("@")[0]);
                return record("named halt", "halted at %s after %.1f s".formatted(point, secondsSince(started)));
            }
            if ("COMPLETED".equals(campaignStatus())) {
                break;
            }
        }
        String progress = progress();
        app.destroyForcibly().waitFor();
        return record("named point not reached", "%s not reached; SIGKILL after %.1f s; %s"
                .formatted(point, secondsSince(started), progress));
    }

    /** The last run: no kill; waits until the campaign has completed. */
    private boolean finish(Path jar) throws Exception {
        Instant started = Instant.now();
        start(jar, null);
        Instant deadline = started.plus(finishTimeout);
        Instant lastSaid = started;
        while (Instant.now().isBefore(deadline)) {
            if (app.waitFor(5, TimeUnit.SECONDS)) {
                record("start failed", "last run exited by itself with " + app.exitValue());
                return false;
            }
            if ("COMPLETED".equals(campaignStatus())) {
                record("finished", "campaign completed after %.1f s; %s".formatted(secondsSince(started),
                        progress()));
                return true;
            }
            if (Duration.between(lastSaid, Instant.now()).toSeconds() >= 30) {
                say("  ... %s", progress());
                lastSaid = Instant.now();
            }
        }
        return false;
    }

    private void start(Path jar, String crashAt) throws IOException {
        run++;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-jar", jar.toString(),
                "--breachnotify.data-dir=" + dataDir,
                "--breachnotify.embedded-postgres.port=" + pgPort,
                "--server.port=" + httpPort,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--breachnotify.demo.people=" + people,
                "--breachnotify.demo.round-interval=PT3S",
                // long enough that a return never loses the race against its window while the relay catches up
                "--breachnotify.demo.return-window=PT15M",
                "--breachnotify.demo.batch-size=200",
                "--breachnotify.demo.batch-max-wait=PT10S",
                "--breachnotify.demo.print-house-poll-interval=3s"));
        if (crashAt != null) {
            command.add("--breachnotify.crash-at=" + crashAt);
        }
        Path log = dir.resolve("logs").resolve("run-%02d.log".formatted(run));
        app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private Optional<Duration> awaitReady(Duration limit) throws InterruptedException {
        Instant started = Instant.now();
        while (Duration.between(started, Instant.now()).compareTo(limit) < 0) {
            if (!app.isAlive()) {
                return Optional.empty();
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return Optional.of(Duration.between(started, Instant.now()));
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return Optional.empty();
    }

    private String exitCode() {
        return app.isAlive() ? "none, still running" : String.valueOf(app.exitValue());
    }

    private Outcome record(String kind, String what) {
        String line = "run %02d  %-24s %s".formatted(run, kind, what);
        outcomes.add(line);
        say("%s", line);
        String status = campaignStatus();
        if (!status.equals("unknown")) {
            lastStatus = status;
        }
        return new Outcome(kind, "RUNNING".equals(lastStatus) || "none".equals(lastStatus));
    }

    /**
     * The staff: every two seconds, dismisses every doubtful match and closes every returned letter waiting in
     * Tasklist, through the engine's REST API as the demo's administrator. Errors (the application is down) are
     * simply tried again.
     */
    private void playStaff() {
        String auth = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        while (playingStaff) {
            try {
                HttpResponse<String> tasks = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + httpPort + "/engine-rest/task?maxResults=500"))
                        .header("Authorization", auth).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (tasks.statusCode() == 200) {
                    for (JsonNode task : JSON.readTree(tasks.body())) {
                        String key = task.path("taskDefinitionKey").asText();
                        boolean review = ProcessModels.TASK_REVIEW_MATCH.equals(key);
                        String variable = review ? ProcessVariables.DECISION.name() : ProcessVariables.RESOLUTION.name();
                        String value = review ? ReviewService.DISMISS : "CLOSE";
                        URI complete = URI.create("http://127.0.0.1:" + httpPort + "/engine-rest/task/"
                                + task.path("id").asText() + "/complete");
                        http.send(HttpRequest.newBuilder(complete)
                                .header("Authorization", auth).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"" + variable
                                        + "\":{\"value\":\"" + value + "\",\"type\":\"String\"}}}")).build(),
                                HttpResponse.BodyHandlers.discarding());
                    }
                }
            } catch (IOException | RuntimeException down) {
                // the application is not there right now
            } catch (InterruptedException e) {
                return;
            }
            sleep(2000);
        }
    }

    private String campaignStatus() {
        try (Connection db = database(); var statement = db.prepareStatement(
                "select status from notify.campaign where code = ?")) {
            statement.setString(1, CAMPAIGN);
            var rs = statement.executeQuery();
            return rs.next() ? rs.getString(1) : "none";
        } catch (SQLException notUp) {
            return "unknown";
        }
    }

    private String progress() {
        try (Connection db = database(); var statement = db.createStatement()) {
            var rs = statement.executeQuery("""
                    select (select count(*) from notify.person),
                           (select count(*) from notify.person where journey_started_at is not null),
                           (select count(*) from notify.letter),
                           (select count(*) from notify.letter where status in ('POSTED', 'RETURNED')),
                           (select count(*) from notify.print_batch),
                           (select count(*) from notify.person where journey_ended_at is not null),
                           (select status from notify.campaign where code = 'demo')""");
            rs.next();
            return "people %d, journeys %d, letters %d (posted %d), batches %d, ended %d, %s".formatted(rs.getLong(1),
                    rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getString(7));
        } catch (SQLException notUp) {
            return "database not up";
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?connectTimeout=3",
                "postgres", "");
    }

    private void stopGracefully() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy(); // SIGTERM: Spring stops, and with it the embedded PostgreSQL
            if (!app.waitFor(90, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
    }

    /** A PostgreSQL left running by a killed run (of this test or an earlier one) on this data folder: stop it. */
    private static void stopPostgresLeftBy(Path dataDir) throws IOException, InterruptedException {
        Path pid = dataDir.resolve("pg").resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim()))
                .filter(p -> p.info().command().orElse("").endsWith("postgres"));
        if (postmaster.isPresent()) {
            postmaster.get().destroy();
            postmaster.get().onExit().orTimeout(60, TimeUnit.SECONDS).join();
        }
    }

    private static Path findJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("breach-notify-.*\\.jar"))
                    .findFirst().map(Path::toAbsolutePath)
                    .orElseThrow(() -> new IllegalStateException("no jar in target/: mvn package -DskipTests first"));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double secondsSince(Instant started) {
        return Duration.between(started, Instant.now()).toMillis() / 1000.0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void say(String format, Object... args) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + String.format(Locale.ROOT, format,
                args));
    }
}
