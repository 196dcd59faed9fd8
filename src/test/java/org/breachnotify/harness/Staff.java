package org.breachnotify.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.breachnotify.engine.ProcessModels;
import org.breachnotify.engine.ProcessVariables;
import org.breachnotify.review.ReviewService;

/**
 * The staff of a demo campaign, played through the engine REST API of one application as the demo's administrator:
 * every two seconds, dismisses every doubtful match and closes every returned letter waiting in Tasklist. Errors (the
 * application is down) are simply tried again. Runs on a daemon thread until {@link #stop}.
 */
public final class Staff {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JarApp app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean playing = true;
    private volatile int completed;

    private Staff(JarApp app) {
        this.app = app;
    }

    public static Staff startWorkingThrough(JarApp app) {
        Staff staff = new Staff(app);
        Thread thread = new Thread(staff::play, "staff");
        thread.setDaemon(true);
        thread.start();
        return staff;
    }

    public void stop() {
        playing = false;
    }

    /** Tasks completed so far. */
    public int completed() {
        return completed;
    }

    private void play() {
        String auth = "Basic " + Base64.getEncoder().encodeToString((JarApp.DEMO_ADMIN + ":" + JarApp.DEMO_ADMIN)
                .getBytes(StandardCharsets.UTF_8));
        while (playing) {
            try {
                HttpResponse<String> tasks = http.send(HttpRequest.newBuilder(app.uri("/engine-rest/task?maxResults=500"))
                        .header("Authorization", auth).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (tasks.statusCode() == 200) {
                    for (JsonNode task : JSON.readTree(tasks.body())) {
                        String key = task.path("taskDefinitionKey").asText();
                        boolean review = ProcessModels.TASK_REVIEW_MATCH.equals(key);
                        String variable = review ? ProcessVariables.DECISION.name() : ProcessVariables.RESOLUTION.name();
                        String value = review ? ReviewService.DISMISS : "CLOSE";
                        HttpResponse<Void> done = http.send(HttpRequest.newBuilder(
                                        app.uri("/engine-rest/task/" + task.path("id").asText() + "/complete"))
                                .header("Authorization", auth).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"" + variable
                                        + "\":{\"value\":\"" + value + "\",\"type\":\"String\"}}}")).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (done.statusCode() / 100 == 2) {
                            completed++;
                        }
                    }
                }
            } catch (IOException | RuntimeException down) {
                // the application is not there right now
            } catch (InterruptedException e) {
                return;
            }
            Console.sleep(2000);
        }
    }
}
