package org.breachnotify.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a benchmark stage spends its time ({@code -Dbenchmark.diagnose=true}): CPU seconds of this JVM and of the
 * embedded PostgreSQL (the postmaster and its processes, read from {@code /proc}, so Linux only), and PostgreSQL's
 * most expensive statements of the stage from {@code pg_stat_statements} (which the benchmark then preloads).
 */
final class StageCost {
    static final String PRELOAD = "pg_stat_statements";
    private static final int TOP_STATEMENTS = 12;

    private final JdbcTemplate jdbc;
    private final long postmaster;
    private long javaCpuStart;
    private Map<String, Long> postgresTicksStart = Map.of();

    StageCost(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("create extension if not exists " + PRELOAD);
        String dataDirectory = jdbc.queryForObject("show data_directory", String.class);
        try {
            postmaster = Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void begin() {
        jdbc.queryForList("select pg_stat_statements_reset()");
        javaCpuStart = javaCpuNanos();
        postgresTicksStart = postgresTicks();
    }

    /** Lines describing the stage since {@link #begin()}, per {@code items} processed. */
    List<String> end(long items) {
        double javaSeconds = (javaCpuNanos() - javaCpuStart) / 1e9;
        Map<String, Long> postgresTicks = postgresTicks();
        Map<String, Long> byKind = new TreeMap<>();
        postgresTicks.forEach((kind, ticks) -> byKind.put(kind, ticks - postgresTicksStart.getOrDefault(kind, 0L)));
        double postgresSeconds = byKind.values().stream().mapToLong(Long::longValue).sum() / 100.0;
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "      CPU: java %.1f s, postgres %.1f s; per 1,000 people: java %.2f s, "
                + "postgres %.2f s", javaSeconds, postgresSeconds, javaSeconds * 1000 / items,
                postgresSeconds * 1000 / items));
        StringBuilder kinds = new StringBuilder("      postgres CPU by process:");
        byKind.forEach((kind, ticks) -> {
            if (ticks > 0) {
                kinds.append(String.format(Locale.ROOT, " %s %.1f s;", kind, ticks / 100.0));
            }
        });
        lines.add(kinds.toString());
        jdbc.queryForList("""
                select round(total_exec_time::numeric / 1000, 1) seconds, calls, rows,
                       round(mean_exec_time::numeric, 2) mean_ms, round(max_exec_time::numeric, 1) max_ms,
                       (shared_blks_hit + shared_blks_read) / greatest(calls, 1) blocks,
                       left(regexp_replace(query, '\\s+', ' ', 'g'), 110) statement
                from pg_stat_statements order by total_exec_time desc limit ?""", TOP_STATEMENTS)
                .forEach(r -> lines.add(String.format(Locale.ROOT,
                        "      %7s s %8s calls %8s rows, mean %7s ms, max %7s ms, %7s blocks  %s", r.get("seconds"),
                        r.get("calls"), r.get("rows"), r.get("mean_ms"), r.get("max_ms"), r.get("blocks"),
                        r.get("statement"))));
        return lines;
    }

    private static long javaCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Clock ticks (1/100 s) of the postmaster and its living processes by kind ({@code backend}, {@code autovacuum
     * worker}, {@code walwriter}, ...), and of the processes it has reaped ({@code exited}: autovacuum workers and
     * backends that ended).
     */
    private Map<String, Long> postgresTicks() {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String[] fields = stat(process);
                if (fields.length == 0) {
                    continue;
                }
                long pid = Long.parseLong(process.getFileName().toString());
                long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                if (pid == postmaster) {
                    ticks.merge("postmaster", own, Long::sum);
                    ticks.merge("exited", Long.parseLong(fields[13]) + Long.parseLong(fields[14]), Long::sum);
                } else if (Long.parseLong(fields[1]) == postmaster) {
                    ticks.merge(kind(process), own, Long::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    /** "postgres: walwriter" → walwriter; a backend ("postgres: user db host(port) state") → backend. */
    private static String kind(Path process) {
        try {
            String title = new String(Files.readAllBytes(process.resolve("cmdline"))).replace('\0', ' ').trim();
            String name = title.startsWith("postgres: ") ? title.substring("postgres: ".length()) : title;
            for (String known : List.of("autovacuum worker", "autovacuum launcher", "walwriter", "checkpointer",
                    "background writer", "logical replication launcher", "io worker")) {
                if (name.startsWith(known)) {
                    return known;
                }
            }
            return "backend";
        } catch (IOException e) {
            return "exited";
        }
    }

    /** The fields of /proc/PID/stat after the command name (state first), or none if the process has gone. */
    private static String[] stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return new String[0];
        }
    }
}
