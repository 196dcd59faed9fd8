package org.breachnotify.nodes;

import static org.breachnotify.harness.Console.say;
import static org.breachnotify.harness.Console.secondsSince;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.breachnotify.engine.EngineCommandKind;
import org.breachnotify.engine.EngineCommandRelay;
import org.breachnotify.engine.JobsDoneCounter;
import org.breachnotify.harness.CampaignChecks;
import org.breachnotify.harness.DemoDatabase;
import org.breachnotify.harness.JarApp;
import org.breachnotify.harness.Staff;
import org.springframework.util.FileSystemUtils;

/**
 * Two application nodes share one campaign on one PostgreSQL (README, "Scaling out"; {@code scripts/two-nodes.sh}).
 * Node A runs from the built jar with its embedded PostgreSQL and the demo campaign; node B runs from the same jar
 * against A's database ({@code SPRING_DATASOURCE_URL}), with the demo off, its own node name and HTTP port, and the
 * same data folder (inbox and export). The staff work through node B's engine REST API. When the campaign has
 * completed (every journey ended, nothing pending) it checks the database and the files ({@link CampaignChecks}),
 * reads from each node what it did (its own Micrometer counters: engine commands per kind, jobs) and fails if a node
 * did nothing or the nodes' counts do not add up to the commands done in the database. Not a unit test and never part
 * of {@code mvn verify}.
 *
 * <p>Settings, as {@code -Dnodes.<name>=value}: {@code people} (20000), {@code dir} (target/two-nodes), {@code heap}
 * per node (1g), {@code finish-timeout} (PT60M).
 */
public final class TwoNodeHarness {
    static final String CAMPAIGN = "demo";
    /** Node B's own administrator password: used only if it had to create the administrator, which A already did. */
    private static final String NODE_B_ADMIN_PASSWORD = "Two-Nodes-Harness-1!";
    private static final Duration START_LIMIT = Duration.ofMinutes(5);

    private final Path dir = Path.of(System.getProperty("nodes.dir", "target/two-nodes")).toAbsolutePath();
    private final Path dataDir = dir.resolve("data");
    private final Path pidFile = dir.resolve("node-pids");
    private final int people = Integer.getInteger("nodes.people", 20_000);
    private final String heap = System.getProperty("nodes.heap", "1g");
    private final Duration finishTimeout = Duration.parse(System.getProperty("nodes.finish-timeout", "PT60M"));
    private final int pgPort = JarApp.freePort();
    private final int smtpPort = JarApp.freePort();
    private final DemoDatabase database = new DemoDatabase(pgPort, CAMPAIGN);
    private final List<JarApp> nodes = new ArrayList<>();
    private volatile boolean stopped;

    public static void main(String[] args) throws Exception {
        int failures = new TwoNodeHarness().runAll();
        System.exit(failures == 0 ? 0 : 1);
    }

    /** What one node says it did: committed engine commands per kind and jobs. */
    private record Work(Map<EngineCommandKind, Long> commands, long jobs) {
        long of(EngineCommandKind kind) {
            return commands.getOrDefault(kind, 0L);
        }

        long journeysStarted() {
            return of(EngineCommandKind.START_JOURNEY) + of(EngineCommandKind.START_CORRECTIVE_JOURNEY);
        }

        long total() {
            return commands.values().stream().mapToLong(Long::longValue).sum() + jobs;
        }

        String brief() {
            return "journeys %d, posted %d, returned %d, windows %d, jobs %d".formatted(journeysStarted(),
                    of(EngineCommandKind.LETTER_POSTED), of(EngineCommandKind.LETTER_RETURNED),
                    of(EngineCommandKind.CLOSE_RETURN_WINDOW), jobs);
        }
    }

    private int runAll() throws Exception {
        Instant began = Instant.now();
        Path jar = JarApp.findJar();
        stopNodesLeftByAnEarlierRun();
        JarApp.stopPostgresLeftBy(dataDir);
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir.resolve("logs"));
        List<String> common = List.of("--breachnotify.data-dir=" + dataDir, "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort);
        List<String> argsA = new ArrayList<>(common);
        argsA.addAll(List.of("--breachnotify.embedded-postgres.port=" + pgPort, "--breachnotify.node-name=node-a",
                "--breachnotify.demo.people=" + people));
        JarApp nodeA = new JarApp("A", jar, JarApp.freePort(), heap, argsA, Map.of());
        // as the README's "External PostgreSQL" and "Scaling out" say: the standard variables, no code
        JarApp nodeB = new JarApp("B", jar, JarApp.freePort(), heap, common, Map.of(
                "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", "postgres",
                "SPRING_DATASOURCE_PASSWORD", "",
                "BREACHNOTIFY_DEMO_ENABLED", "false",
                "BREACHNOTIFY_NODENAME", "node-b",
                "BREACHNOTIFY_ADMIN_PASSWORD", NODE_B_ADMIN_PASSWORD));
        nodes.add(nodeA);
        nodes.add(nodeB);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "stop-nodes"));
        say("Two nodes, one campaign: %d people. Jar %s; data in %s; logs in %s", people, jar, dataDir,
                dir.resolve("logs"));
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Staff staff = null;
        List<String> failures = new ArrayList<>();
        try {
            nodeA.start(List.of(), dir.resolve("logs").resolve("node-a.log"));
            recordPids();
            Optional<Duration> readyA = nodeA.awaitReady(START_LIMIT);
            if (readyA.isEmpty()) {
                return fail("node A did not start (exit " + nodeA.exitCode() + "); see logs/node-a.log");
            }
            say("Node A up in %.1f s (pid %d, http %d, embedded PostgreSQL %d)", readyA.get().toMillis() / 1000.0,
                    nodeA.pid(), nodeA.httpPort(), pgPort);
            nodeB.start(List.of(), dir.resolve("logs").resolve("node-b.log"));
            recordPids();
            Optional<Duration> readyB = nodeB.awaitReady(START_LIMIT);
            if (readyB.isEmpty()) {
                return fail("node B did not start (exit " + nodeB.exitCode() + "); see logs/node-b.log");
            }
            say("Node B up in %.1f s (pid %d, http %d, database %s)", readyB.get().toMillis() / 1000.0, nodeB.pid(),
                    nodeB.httpPort(), database.jdbcUrl());
            staff = Staff.startWorkingThrough(nodeB);

            Optional<Double> campaignSeconds = awaitCompleted(began);
            if (campaignSeconds.isEmpty()) {
                failures.add("the campaign did not complete within " + finishTimeout + " (or a node stopped)");
            }
            Map<String, Work> work = new LinkedHashMap<>();
            for (JarApp node : nodes) {
                if (node.isAlive()) {
                    work.put(node.name(), workOf(node));
                } else {
                    failures.add("node " + node.name() + " stopped by itself (exit " + node.exitCode() + ")");
                }
            }
            try (Connection db = database.connect()) {
                failures.addAll(new CampaignChecks(db, dataDir, CAMPAIGN, smtp.getReceivedMessages().length).run());
                failures.addAll(checkShares(db, work));
                retries(db);
            }
            for (JarApp node : nodes) {
                logSummary(node);
            }
            say("Staff completed %d tasks through node B", staff.completed());
            say("");
            say("%-38s %12s %12s %12s", "per node", "node A", "node B", "together");
            row(work, "journeys started (first + corrective)", Work::journeysStarted);
            row(work, "postings correlated (LETTER_POSTED)", w -> w.of(EngineCommandKind.LETTER_POSTED));
            row(work, "returns correlated (LETTER_RETURNED)", w -> w.of(EngineCommandKind.LETTER_RETURNED));
            row(work, "windows closed (CLOSE_RETURN_WINDOW)", w -> w.of(EngineCommandKind.CLOSE_RETURN_WINDOW));
            row(work, "reviews started (START_REVIEW)", w -> w.of(EngineCommandKind.START_REVIEW));
            row(work, "jobs executed", Work::jobs);
            say("Campaign: %s after node A's start; wall time %.1f s in all.",
                    campaignSeconds.map(s -> "completed %.1f s".formatted(s)).orElse("NOT completed"),
                    secondsSince(began));
            if (failures.isEmpty()) {
                say("TWO NODES PASSED: one campaign of %d people shared by two nodes; every check holds.", people);
            } else {
                say("TWO NODES FAILED:");
                failures.forEach(f -> say("  - %s", f));
            }
            return failures.size();
        } finally {
            if (staff != null) {
                staff.stop();
            }
            stopAll();
            smtp.stop();
        }
    }

    /** Waits until the campaign has completed; answers the seconds since {@code began}, empty on timeout or a crash. */
    private Optional<Double> awaitCompleted(Instant began) throws Exception {
        Instant deadline = Instant.now().plus(finishTimeout);
        Instant lastSaid = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            for (JarApp node : nodes) {
                if (!node.isAlive()) {
                    say("Node %s stopped by itself (exit %s)", node.name(), node.exitCode());
                    return Optional.empty();
                }
            }
            if ("COMPLETED".equals(database.campaignStatus())) {
                double seconds = secondsSince(began);
                say("Campaign completed after %.1f s: %s", seconds, database.progress());
                return Optional.of(seconds);
            }
            if (Duration.between(lastSaid, Instant.now()).toSeconds() >= 30) {
                say("  ... %s", database.progress());
                for (JarApp node : nodes) {
                    try {
                        say("      node %s: %s", node.name(), workOf(node).brief());
                    } catch (IOException busy) {
                        say("      node %s: metrics not read (%s)", node.name(), busy.getMessage());
                    }
                }
                lastSaid = Instant.now();
            }
            Thread.sleep(5000);
        }
        return Optional.empty();
    }

    private Work workOf(JarApp node) throws IOException, InterruptedException {
        Map<EngineCommandKind, Long> commands = new EnumMap<>(EngineCommandKind.class);
        for (EngineCommandKind kind : EngineCommandKind.values()) {
            commands.put(kind, Math.round(node.counter(EngineCommandRelay.DONE_METRIC, "kind:" + kind.name())));
        }
        return new Work(commands, Math.round(node.counter(JobsDoneCounter.METRIC, null)));
    }

    /**
     * Both nodes did work, and for each kind of engine command the nodes' counts add up to the commands the database
     * records as done: none executed by both (neither node restarted, so the counters hold the whole run).
     */
    private List<String> checkShares(Connection db, Map<String, Work> work) throws SQLException {
        List<String> failures = new ArrayList<>();
        say("Shares:");
        for (Map.Entry<String, Work> node : work.entrySet()) {
            boolean worked = node.getValue().total() > 0;
            say("  %-8s node %s did work: %s", worked ? "ok" : "FAILED", node.getKey(), node.getValue().brief());
            if (!worked) {
                failures.add("node " + node.getKey() + " did nothing");
            }
        }
        if (work.size() < 2) {
            return failures;
        }
        Map<String, Long> doneInDatabase = new LinkedHashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery(
                "select kind, count(*) from engine_command where done_at is not null group by kind")) {
            while (rs.next()) {
                doneInDatabase.put(rs.getString(1), rs.getLong(2));
            }
        }
        for (EngineCommandKind kind : EngineCommandKind.values()) {
            long counted = work.values().stream().mapToLong(w -> w.of(kind)).sum();
            long done = doneInDatabase.getOrDefault(kind.name(), 0L);
            boolean ok = counted == done;
            say("  %-8s %s: done in the database %d, counted by the nodes %d (%s)", ok ? "ok" : "FAILED", kind, done,
                    counted, String.join(" + ", work.values().stream().map(w -> String.valueOf(w.of(kind))).toList()));
            if (!ok) {
                failures.add(kind + ": the nodes counted " + counted + ", the database has " + done + " done");
            }
        }
        return failures;
    }

    /** Commands that needed more than one attempt, by kind, with their last errors: how much the nodes collided. */
    private static void retries(Connection db) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("""
                select kind, count(*), max(attempts), min(left(coalesce(last_error, ''), 160))
                from engine_command where attempts > 0 group by kind order by kind""")) {
            while (rs.next()) {
                say("  retried %s: %d commands, at most %d attempts; e.g. %s", rs.getString(1), rs.getLong(2),
                        rs.getInt(3), rs.getString(4));
            }
        }
    }

    /** Warnings and errors in a node's log, by kind: evidence of collisions (refused chunks, locking, deadlocks). */
    private void logSummary(JarApp node) throws IOException {
        Path log = dir.resolve("logs").resolve("node-" + node.name().toLowerCase(java.util.Locale.ROOT) + ".log");
        Map<String, String> needles = new LinkedHashMap<>();
        needles.put("ERROR", " ERROR ");
        needles.put("WARN", " WARN ");
        // a relay chunk the engine refused (it is then run again row by row), e.g. a return whose posting the other
        // node has not committed yet
        needles.put("engine command failed", "ENGINE-16004");
        needles.put("OptimisticLockingException", "OptimisticLockingException");
        needles.put("deadlock", "deadlock detected");
        needles.put("parked", "parked after");
        Map<String, Long> counts = new LinkedHashMap<>();
        needles.keySet().forEach(k -> counts.put(k, 0L));
        try (var lines = Files.lines(log)) {
            lines.forEach(line -> needles.forEach((k, needle) -> {
                if (line.contains(needle)) {
                    counts.merge(k, 1L, Long::sum);
                }
            }));
        }
        say("Log of node %s: %s", node.name(), counts);
    }

    private static void row(Map<String, Work> work, String label, java.util.function.ToLongFunction<Work> figure) {
        List<Long> values = work.values().stream().map(figure::applyAsLong).toList();
        say("%-38s %12s %12s %12d", label, values.size() > 0 ? values.get(0) : "-", values.size() > 1 ? values.get(1)
                : "-", values.stream().mapToLong(Long::longValue).sum());
    }

    private int fail(String why) {
        say("TWO NODES FAILED:");
        say("  - %s", why);
        return 1;
    }

    /** Stops B, then A (whose embedded PostgreSQL B uses); safe to call twice and from the shutdown hook. */
    private synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).stopGracefully();
            }
            JarApp.stopPostgresLeftBy(dataDir);
            Files.deleteIfExists(pidFile);
        } catch (IOException | InterruptedException | RuntimeException e) {
            say("Could not stop everything cleanly: %s", e);
        }
    }

    /** The nodes' process ids, so that a run killed outright can be cleaned up by the next one (and the script). */
    private void recordPids() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (JarApp node : nodes) {
            if (node.isAlive()) {
                lines.append(node.pid()).append(' ').append(node.name()).append('\n');
            }
        }
        Files.writeString(pidFile, lines);
    }

    /** Nodes a killed earlier run left running: only processes that run on this harness's data folder. */
    private void stopNodesLeftByAnEarlierRun() throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        for (String line : Files.readAllLines(pidFile)) {
            ProcessHandle.of(Long.parseLong(line.split(" ")[0]))
                    .filter(p -> p.info().commandLine().orElse("").contains(dataDir.toString()))
                    .ifPresent(p -> {
                        say("Stopping node %s (pid %d) left running by an earlier run", line.split(" ")[1], p.pid());
                        p.destroyForcibly();
                        p.onExit().join();
                    });
        }
    }
}
