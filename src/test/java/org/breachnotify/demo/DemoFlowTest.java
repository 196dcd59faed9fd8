package org.breachnotify.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.campaign.CampaignReport;
import org.breachnotify.campaign.CampaignReportService;
import org.breachnotify.campaign.CampaignService;
import org.breachnotify.campaign.CampaignStatus;
import org.breachnotify.engine.ProcessModels;
import org.breachnotify.engine.ProcessVariables;
import org.breachnotify.register.Group;
import org.breachnotify.review.ReviewService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole demo as a newcomer starts it, shrunk to 300 people and seconds-long windows: generated files in the
 * inbox, every stage on the real engine with its job executor, print batches in the export folder, a simulated
 * print house, mail to a real SMTP server (GreenMail), and staff deciding every task. Then the report is checked
 * against what the generator knows it made.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "breachnotify.demo.enabled=true",
        "breachnotify.demo.people=" + DemoFlowTest.PEOPLE,
        "breachnotify.demo.campaign-code=demo-flow",
        "breachnotify.demo.round-interval=PT1S",
        "breachnotify.demo.return-window=PT15S",
        "breachnotify.demo.batch-size=100",
        "breachnotify.demo.batch-max-wait=PT2S",
        "breachnotify.demo.print-house-poll-interval=1s",
        "breachnotify.engine-commands.poll-interval=200ms",
        "breachnotify.embedded-postgres.directory=",
        "breachnotify.embedded-postgres.port=0",
        "breachnotify.embedded-postgres.clean=true",
        "camunda.bpm.job-execution.wait-time-in-millis=200",
        "camunda.bpm.job-execution.max-wait=1000",
        "spring.mail.port=3026"
})
class DemoFlowTest {
    static final int PEOPLE = 300;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3026, null, ServerSetup.PROTOCOL_SMTP));

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("breachnotify.data-dir", () -> dataDir.toString());
    }

    @Autowired
    CampaignService campaigns;
    @Autowired
    CampaignReportService reports;
    @Autowired
    TaskService tasks;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    @Test
    void theDemoCampaignRunsEveryStageAndItsReportAddsUp(@TempDir Path expectedDir) throws Exception {
        GeneratedCampaign expected = new SyntheticCampaignGenerator()
                .generate(GeneratorSettings.defaults(PEOPLE), expectedDir.resolve("inbox"), expectedDir.resolve("world"));
        Campaign campaign = campaigns.findByCode("demo-flow").orElseThrow();

        Map<String, Integer> tasksDone = runUntilComplete(campaign, Duration.ofMinutes(5));
        CampaignReport report = reports.report(campaign.id());

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.participants()).isEqualTo(expected.people());
        assertThat(report.rejectedRows()).isEqualTo(expected.dirtyRows());
        assertThat(report.groups().get("HELD_FOR_REVIEW")).isZero();
        assertThat(report.groups().get(Group.NOT_NOTIFIED_DECEASED.name()))
                .isEqualTo(expected.expectedGroups().get(Group.NOT_NOTIFIED_DECEASED).longValue());
        long written = report.groups().entrySet().stream().filter(e -> e.getKey().startsWith("GROUP_"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(written + report.groups().get("NOT_NOTIFIED_DECEASED")).isEqualTo(expected.people());
        assertThat(report.openTasks()).isZero();
        assertThat(tasksDone.get("review")).isEqualTo(report.matching().conflicts()
                + report.matching().unlinkedWithCandidates()).isPositive();

        CampaignReport.Letters letters = report.letters();
        assertThat(letters.generated()).isEqualTo(written + letters.remailed());
        assertThat(letters.exported()).isEqualTo(letters.generated());
        assertThat(letters.posted()).isEqualTo(letters.generated());
        assertThat(letters.returned()).isPositive();
        assertThat(letters.remailed()).isPositive();
        assertThat(report.journeys().ended()).isEqualTo(expected.people());
        assertThat(report.engineCommands().parked()).isZero();

        List<Path> batchDirs = batchDirectories();
        assertThat(batchDirs).hasSize((int) report.batches().delivered()).isNotEmpty();
        long manifestRows = 0;
        for (Path batch : batchDirs) {
            manifestRows += checkBatch(batch);
        }
        long reprints = jdbc.queryForObject(
                "select coalesce(sum(print_attempts - 1), 0) from letter where campaign_id = ?", Long.class,
                campaign.id());
        assertThat(manifestRows).isEqualTo(letters.generated() + reprints);

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(batchDirs.size());
        List<String> surnames = jdbc.queryForList(
                "select surname from person where campaign_id = ? and length(surname) > 3 limit 50", String.class,
                campaign.id());
        for (MimeMessage mail : mails) {
            String body = GreenMailUtil.getBody(mail);
            assertThat(mail.getSubject()).startsWith("Print batch DEMO-FLOW-B");
            surnames.forEach(surname -> assertThat(body).doesNotContain(surname));
        }

        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"UP\"");
        assertThat(http.getForEntity("/api/campaigns", String.class).getStatusCode().value()).isEqualTo(401);
        TestRestTemplate manager = http.withBasicAuth("manager", "manager");
        assertThat(manager.getForObject("/api/campaigns", String.class)).contains("\"demo-flow\"");
        assertThat(manager.getForObject("/api/campaigns/" + campaign.id() + "/report", String.class))
                .contains("\"participants\"", "\"rejectedRows\"", "\"openTasks\"", "\"remailed\"");
    }

    /** Plays the staff: dismisses every doubtful match and closes every returned letter they are given. */
    private Map<String, Integer> runUntilComplete(Campaign campaign, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        int reviews = 0;
        int returns = 0;
        while (campaigns.get(campaign.id()).status() != CampaignStatus.COMPLETED) {
            assertThat(Instant.now()).as("campaign completes in time; report: %s", reports.report(campaign.id()))
                    .isBefore(deadline);
            for (Task task : tasks.createTaskQuery()
                    .taskCandidateGroupIn(List.of(ProcessModels.HELPDESK_GROUP, ProcessModels.PRIVACY_OFFICER_GROUP)).list()) {
                if (task.getTaskDefinitionKey().equals(ProcessModels.TASK_REVIEW_MATCH)) {
                    tasks.complete(task.getId(), Map.of(ProcessVariables.DECISION.name(), ReviewService.DISMISS));
                    reviews++;
                } else {
                    tasks.complete(task.getId(), Map.of(ProcessVariables.RESOLUTION.name(), "CLOSE"));
                    returns++;
                }
            }
            Thread.sleep(500);
        }
        return Map.of("review", reviews, "returned", returns);
    }

    private List<Path> batchDirectories() throws IOException {
        try (Stream<Path> dirs = Files.list(dataDir.resolve("export"))) {
            return dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    /** A complete batch: pdf, manifest, checksums and job ticket, consistent with each other. */
    private long checkBatch(Path batch) throws Exception {
        String id = batch.getFileName().toString();
        Path pdf = batch.resolve(id + ".pdf");
        Path csv = batch.resolve(id + ".csv");
        assertThat(batch.resolve(id + ".json")).exists();
        for (String line : Files.readAllLines(batch.resolve(id + ".sha256"))) {
            String[] parts = line.split("  ");
            assertThat(parts[0]).as("checksum of %s", parts[1]).isEqualTo(sha256(batch.resolve(parts[1])));
        }
        List<CSVRecord> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv)) {
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).forEach(rows::add);
        }
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly("sequence", "letter_id", "group",
                "language", "template_version", "pages", "first_page", "postcode", "kix", "country");
        String ticket = Files.readString(batch.resolve(id + ".json"));
        assertThat(ticket).contains("\"letters\" : " + rows.size());
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            CSVRecord last = rows.get(rows.size() - 1);
            int lastPages = Integer.parseInt(last.get("pages"));
            int expectedPages = Integer.parseInt(last.get("first_page")) + lastPages - 1 + (lastPages % 2);
            assertThat(document.getNumberOfPages()).isEqualTo(expectedPages);
        }
        return rows.size();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}
