package org.breachnotify.printhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.campaign.CampaignService;
import org.breachnotify.campaign.CampaignSettings;
import org.breachnotify.classification.ClassificationService;
import org.breachnotify.demo.GeneratedCampaign;
import org.breachnotify.demo.GeneratorSettings;
import org.breachnotify.demo.SyntheticCampaignGenerator;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.ImportService;
import org.breachnotify.letter.LetterContent;
import org.breachnotify.letter.LetterRenderer;
import org.breachnotify.letter.LetterService;
import org.breachnotify.matching.MatchingService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The campaign's print path on its own: N ready letters, made outside the timed part (import, matching,
 * classification and {@link LetterService#generate} per person, no journeys), then {@code cutAndDeliver} round after
 * round until no letter is ready, timed. In the same run the letter renderer alone draws the very same batches (their
 * contents read beforehand, untimed), so the print path is given as a ratio to the renderer it is built on. A small
 * campaign goes through the same steps first to warm up JIT and caches.
 *
 * <p>Not part of {@code mvn verify}: {@code mvn -o -Pbenchmark verify -Dbenchmark.people=20000
 * -Dtest=PrintPathBenchmark}.
 */
@SpringBootTest(properties = {
        "breachnotify.demo.enabled=false",
        "breachnotify.admin.password=" + org.breachnotify.support.Api.ADMIN_PASSWORD,
        "breachnotify.embedded-postgres.directory=",
        "breachnotify.embedded-postgres.port=0",
        "breachnotify.embedded-postgres.clean=true",
        "breachnotify.engine-commands.relay-enabled=false",
        "camunda.bpm.job-execution.enabled=false",
        "spring.mail.port=3029",
        "logging.level.org.breachnotify=warn"
})
class PrintPathBenchmark {
    private static final int PEOPLE = Integer.getInteger("benchmark.people", 20_000);
    private static final int WARM_UP_PEOPLE = 3_000;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3029, null, ServerSetup.PROTOCOL_SMTP));

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("breachnotify.data-dir", () -> dataDir.toString());
    }

    @Autowired
    CampaignService campaigns;
    @Autowired
    ImportService imports;
    @Autowired
    MatchingService matching;
    @Autowired
    ClassificationService classification;
    @Autowired
    LetterService letters;
    @Autowired
    LetterRenderer renderer;
    @Autowired
    PrintBatchService batches;
    @Autowired
    JdbcTemplate jdbc;

    /** The machine's load average when the set-up ended: others building on it show here. */
    private double loadBefore;

    @Test
    void lettersPerSecondThroughThePrintPath() throws Exception {
        String stages = System.getProperty("benchmark.stages", "all");
        org.junit.jupiter.api.Assumptions.assumeTrue(stages.equals("all") || stages.contains("print"),
                "print path not asked for");
        Campaign warmUp = readyLetters("warm", WARM_UP_PEOPLE, 7L);
        cutUntilNoneReady(warmUp);
        renderAlone(warmUp);

        long t0 = System.nanoTime();
        Campaign campaign = readyLetters("bench", PEOPLE, 42L);
        double setUpSeconds = seconds(t0);
        long ready = count("select count(*) from letter where campaign_id = ? and status = 'READY'", campaign.id());

        resetPeaks();
        t0 = System.nanoTime();
        int rounds = cutUntilNoneReady(campaign);
        double cutSeconds = seconds(t0);
        long peakHeap = peakHeap();

        assertThat(count("select count(*) from letter where campaign_id = ? and status = 'READY'", campaign.id()))
                .isZero();
        assertThat(count("select count(*) from letter where campaign_id = ? and content_sha256 is null",
                campaign.id())).as("letters without content hash").isZero();
        assertThat(count("select coalesce(sum(letters), 0) from print_batch where campaign_id = ?", campaign.id()))
                .isEqualTo(ready);
        assertThat(count("select count(*) from print_batch where campaign_id = ? and status <> 'DELIVERED'",
                campaign.id())).as("batches not delivered").isZero();
        long batchCount = count("select count(*) from print_batch where campaign_id = ?", campaign.id());

        double renderSeconds = renderAlone(campaign);

        double pathRate = ready / cutSeconds;
        double renderRate = ready / renderSeconds;
        System.out.printf(Locale.ROOT, """

                ==== Print path benchmark, %d people, %d ready letters (%d cores, load average before %.2f) ====
                set-up (import, match, classify, generate letters; untimed): %.1f s
                cut batches, render letters, write print files: %8.0f letters/s  (%d letters in %.1f s, %d batches, %d rounds)
                renderer alone, the same batches:               %8.0f letters/s  (%.1f s)
                print path / renderer alone: %.2f
                peak heap during the print path (sum of pool peaks): %d MB of max %d MB
                ================================================
                """, PEOPLE, ready, Runtime.getRuntime().availableProcessors(), loadBefore, setUpSeconds, pathRate,
                ready, cutSeconds, batchCount, rounds, renderRate, renderSeconds, pathRate / renderRate,
                peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** A campaign of {@code people} synthetic people, classified, each with a ready letter if their group gets one. */
    private Campaign readyLetters(String code, int people, long seed) throws Exception {
        Path dir = dataDir.resolve(code);
        GeneratedCampaign generated = new SyntheticCampaignGenerator()
                .generate(GeneratorSettings.defaults(people).withSeed(seed), dir.resolve("inbox"), dir.resolve("world"));
        Campaign campaign = campaigns.create(code, code, new CampaignSettings("PT1H", "P42D", 5000, "PT0S"));
        imports.importFile(campaign.id(), FileType.PARTICIPANTS, "participants.csv", generated.participants());
        for (Path leaked : generated.leakedRecordFiles()) {
            imports.importFile(campaign.id(), FileType.LEAKED_RECORDS, leaked.getFileName().toString(), leaked);
        }
        matching.matchNewRecords(campaign.id());
        classification.classifyPending(campaign.id());
        List<Long> personIds = jdbc.queryForList("""
                select id from person where campaign_id = ? and deceased_date is null
                and grp in ('GROUP_1', 'GROUP_2', 'GROUP_3', 'GROUP_4') order by id""", Long.class, campaign.id());
        for (int from = 0; from < personIds.size(); from += 5_000) {
            letters.composeFirstLetters(personIds.subList(from, Math.min(personIds.size(), from + 5_000)));
        }
        loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return campaigns.get(campaign.id());
    }

    private int cutUntilNoneReady(Campaign campaign) {
        int rounds = 0;
        do {
            rounds++;
        } while (!batches.cutAndDeliver(campaigns.get(campaign.id())).isEmpty());
        return rounds;
    }

    /** The campaign's batches drawn again by the renderer alone, each into a scratch file; answers the seconds. */
    private double renderAlone(Campaign campaign) throws Exception {
        List<String> batchIds = jdbc.queryForList("select id from print_batch where campaign_id = ? order by id",
                String.class, campaign.id());
        List<List<LetterContent>> contents = new ArrayList<>();
        for (String batchId : batchIds) {
            contents.add(letters.contentsOfBatch(batchId));
        }
        Path scratch = dataDir.resolve("renderer-alone.pdf");
        long t0 = System.nanoTime();
        for (int i = 0; i < contents.size(); i++) {
            try (OutputStream out = Files.newOutputStream(scratch)) {
                renderer.renderBatch(contents.get(i), out, batchIds.get(i));
            }
        }
        double seconds = seconds(t0);
        Files.delete(scratch);
        return seconds;
    }

    private long count(String sql, long campaignId) {
        return jdbc.queryForObject(sql, Long.class, campaignId);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
