package org.breachnotify.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The application started from the built jar as a child process, the way an operator runs it: its arguments and
 * environment, its log in a file, its HTTP port. Started again with {@link #start} as often as a harness needs (each
 * start is a new process with the same settings plus the start's own arguments). Used by the crash test and the
 * two-node run; never part of {@code mvn verify}.
 */
public final class JarApp {
    /** The demo's administrator, who may read everything including {@code /actuator/metrics}. */
    public static final String DEMO_ADMIN = "admin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path jar;
    private final int httpPort;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final String heap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;

    /**
     * @param arguments   application arguments ({@code --key=value}); {@code --server.port} is added
     * @param environment variables added to the harness's own environment
     */
    public JarApp(String name, Path jar, int httpPort, String heap, List<String> arguments,
                  Map<String, String> environment) {
        this.name = name;
        this.jar = jar;
        this.httpPort = httpPort;
        this.heap = heap;
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** Starts a new process with the settings and {@code extra} arguments, its output into {@code log}. */
    public void start(List<String> extra, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-jar", jar.toString(), "--server.port=" + httpPort));
        command.addAll(arguments);
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String exitCode() {
        return process == null ? "never started" : process.isAlive() ? "none, still running"
                : String.valueOf(process.exitValue());
    }

    /** Waits up to {@code timeout} for the process to end by itself; answers its exit value if it has. */
    public Optional<Integer> waitForExit(Duration timeout) throws InterruptedException {
        return process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue()) : Optional.empty();
    }

    /** Waits until {@code /actuator/health} answers 200; empty when the process died or the limit passed. */
    public Optional<Duration> awaitReady(Duration limit) throws InterruptedException {
        Instant started = Instant.now();
        while (Duration.between(started, Instant.now()).compareTo(limit) < 0) {
            if (!isAlive()) {
                return Optional.empty();
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
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

    /** SIGKILL, as a crash would end it. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGTERM: Spring stops (and with it an embedded PostgreSQL); SIGKILL if that takes longer than 90 s. */
    public void stopGracefully() throws InterruptedException {
        if (isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * A Micrometer counter of this process ({@code /actuator/metrics/<name>}, as the demo's administrator), summed
     * over the given tag ({@code key:value}) or over all tags when none is given.
     */
    public double counter(String metric, String tag) throws IOException, InterruptedException {
        String query = tag == null ? "" : "?tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8);
        String auth = "Basic " + Base64.getEncoder().encodeToString((DEMO_ADMIN + ":" + DEMO_ADMIN)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/metrics/" + metric + query))
                .header("Authorization", auth).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(name + ": " + metric + " answered " + response.statusCode());
        }
        for (JsonNode measurement : JSON.readTree(response.body()).path("measurements")) {
            if ("COUNT".equals(measurement.path("statistic").asText())) {
                return measurement.path("value").asDouble();
            }
        }
        throw new IOException(name + ": " + metric + " has no COUNT");
    }

    /** The built application jar in {@code target/}. */
    public static Path findJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("breach-notify-.*\\.jar"))
                    .findFirst().map(Path::toAbsolutePath)
                    .orElseThrow(() -> new IllegalStateException("no jar in target/: mvn package -DskipTests first"));
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PostgreSQL left running by a killed run (of a harness, now or earlier) on this data folder: stop it. */
    public static void stopPostgresLeftBy(Path dataDir) throws IOException {
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
}
