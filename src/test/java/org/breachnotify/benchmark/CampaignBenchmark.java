package org.breachnotify.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.campaign.CampaignService;
import org.breachnotify.campaign.CampaignSettings;
import org.breachnotify.demo.GeneratedCampaign;
import org.breachnotify.demo.GeneratorSettings;
import org.breachnotify.demo.SyntheticCampaignGenerator;
import org.breachnotify.engine.BareEngineYardstick;
import org.breachnotify.engine.EngineCommandKind;
import org.breachnotify.engine.EngineCommandRelay;
import org.breachnotify.engine.EngineCommands;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.ImportService;
import org.breachnotify.classification.ClassificationService;
import org.breachnotify.matching.MatchingService;
import org.breachnotify.printhouse.PrintBatchService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs N synthetic people to "posted" on the real engine and embedded PostgreSQL and prints people per second
 * for each stage. Not part of {@code mvn verify}; run with {@code mvn -Pbenchmark verify -Dbenchmark.people=20000}.
 */
@SpringBootTest(properties = {
        "breachnotify.demo.enabled=false",
        "breachnotify.admin.password=" + org.breachnotify.support.Api.ADMIN_PASSWORD,
        "breachnotify.embedded-postgres.directory=",
        "breachnotify.embedded-postgres.port=0",
        "breachnotify.embedded-postgres.clean=true",
        "breachnotify.engine-commands.poll-interval=100ms",
        "breachnotify.journeys.compose-chunk-size=2000",
        "camunda.bpm.job-execution.wait-time-in-millis=100",
        "camunda.bpm.job-execution.max-wait=500",
        "spring.mail.port=3027",
        "logging.level.org.breachnotify=warn"
})
class CampaignBenchmark {
    private static final int PEOPLE = Integer.getInteger("benchmark.people", 20_000);
    /**
     * "all" (default) runs to posted and closes the return windows; "intake" stops after import, matching and
     * classification; "engine" after the bare-engine yardstick (to compare engine settings); "compose" after composing
     * the first letters (with {@code -Dbreachnotify.engine-commands.relay-enabled=false}: composition alone).
     */
    private static final String STAGES = System.getProperty("benchmark.stages", "all");
    private static final int YARDSTICK_SINGLE = Integer.getInteger("benchmark.yardstick.single", 2_000);
    private static final int YARDSTICK_CHUNKED = Integer.getInteger("benchmark.yardstick.chunked", 10_000);

    @TempDir
    static Path dataDir;

    /** Adds CPU per stage (JVM and PostgreSQL) and PostgreSQL's most expensive statements ({@link StageCost}). */
    private static final boolean DIAGNOSE = Boolean.getBoolean("benchmark.diagnose");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("breachnotify.data-dir", () -> dataDir.toString());
        if (DIAGNOSE) {
            String explainSlowerThan = System.getProperty("benchmark.explain-slower-than");
            registry.add("breachnotify.embedded-postgres.settings.shared_preload_libraries",
                    () -> explainSlowerThan == null ? StageCost.PRELOAD : StageCost.PRELOAD + ",auto_explain");
            if (explainSlowerThan != null) {
                // plans of slower statements, with their buffers, go to PostgreSQL's log in <tmp>/benchmark-postgres-log
                registry.add("breachnotify.embedded-postgres.settings[auto_explain.log_min_duration]",
                        () -> explainSlowerThan);
                registry.add("breachnotify.embedded-postgres.settings[auto_explain.log_analyze]", () -> "on");
                registry.add("breachnotify.embedded-postgres.settings[auto_explain.log_buffers]", () -> "on");
                registry.add("breachnotify.embedded-postgres.settings[auto_explain.log_timing]", () -> "off");
                registry.add("breachnotify.embedded-postgres.settings.logging_collector", () -> "on");
                registry.add("breachnotify.embedded-postgres.settings.log_directory",
                        () -> System.getProperty("java.io.tmpdir") + "/benchmark-postgres-log");
            }
        }
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
    EngineCommands commands;
    @Autowired
    PrintBatchService batches;
    @Autowired
    org.breachnotify.campaign.JourneyStarts journeyStarts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EngineCommandRelay relay;

    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    private final List<String> lines = new ArrayList<>();
    private StageCost cost;
    /** The bare engine's starts per second, 200 per command: the yardstick every engine stage is compared with. */
    private double yardstick = Double.NaN;

    @Test
    void peoplePerSecondPerStage() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(STAGES.equals("letters"), "only the letter benchmark asked for");
        Path inbox = dataDir.resolve("generated");
        long t0 = System.nanoTime();
        GeneratedCampaign generated = new SyntheticCampaignGenerator()
                .generate(GeneratorSettings.defaults(PEOPLE), inbox, dataDir.resolve("world"));
        record("generate synthetic files", PEOPLE, t0);

        Campaign campaign = campaigns.create("bench", "Benchmark", new CampaignSettings("PT1H", "P42D", 5000, "PT0S"));
        t0 = System.nanoTime();
        long importStart = t0;
        imports.importFile(campaign.id(), FileType.PARTICIPANTS, "participants.csv", generated.participants());
        for (Path leaked : generated.leakedRecordFiles()) {
            imports.importFile(campaign.id(), FileType.LEAKED_RECORDS, leaked.getFileName().toString(), leaked);
        }
        record("import register + leaked records", PEOPLE, t0);

        t0 = System.nanoTime();
        matching.matchNewRecords(campaign.id());
        record("match leaked records", PEOPLE, t0);

        t0 = System.nanoTime();
        ClassificationService.ClassificationRun classified = classification.classifyPending(campaign.id());
        record("classify (classifyPerson DMN, " + classified.decision() + ")", classified.classified(), t0);
        assertThat((long) classified.classified())
                .isEqualTo(count("select count(*) from person where campaign_id = ?", campaign.id()));
        lines.add("    groups: " + jdbc.queryForList("select grp || '=' || count(*) from person where campaign_id = ? "
                + "group by grp order by grp", String.class, campaign.id()));

        if (STAGES.equals("intake")) {
            print();
            return;
        }
        BareEngineYardstick.Result bare = BareEngineYardstick.measure(engine, YARDSTICK_SINGLE, YARDSTICK_CHUNKED);
        yardstick = bare.startsPerChunk();
        lines.add(String.format(Locale.ROOT, "%-45s %8d %21.0f people/s", "bare engine: start, 1 per transaction",
                YARDSTICK_SINGLE, bare.startsOnePerTransaction()));
        lines.add(String.format(Locale.ROOT, "%-45s %8d %21.0f people/s  (yardstick = 1.00)",
                "bare engine: start, 200 per command", YARDSTICK_CHUNKED, bare.startsPerChunk()));
        lines.add(String.format(Locale.ROOT, "%-45s %8d %21.0f people/s", "bare engine: correlate by id, 200/command",
                YARDSTICK_CHUNKED, bare.correlationsPerChunk()));
        if (STAGES.equals("engine")) {
            print();
            return;
        }
        long people = count("select count(*) from person where campaign_id = ? and grp <> 'HELD_FOR_REVIEW'",
                campaign.id());
        long letterPeople = count("""
                select count(*) from person p where campaign_id = ? and deceased_date is null
                and not exists (select 1 from match_candidate c join match_review r on r.id = c.review_id
                                where c.person_id = p.id and r.status = 'OPEN')""", campaign.id());
        long startJourneysBefore = relay.done(EngineCommandKind.START_JOURNEY);
        beginCost();
        long start = System.nanoTime();
        Progress starting = Progress.of(() -> relay.done(EngineCommandKind.START_JOURNEY) - startJourneysBefore,
                people);
        journeyStarts.composeAndQueue(campaign.id());
        record("compose first letters + queue starts", letterPeople, start);
        if (STAGES.equals("compose")) {
            print();
            return;
        }
        starting.await();
        recordEngine("start journeys (compose + start, pipelined)", people, start, starting);
        endCost(people);

        beginCost();
        t0 = System.nanoTime();
        while (!batches.cutAndDeliver(campaigns.get(campaign.id())).isEmpty()) {
            // until every ready letter is in a batch
        }
        record("cut batches, render letters, write print files", letterPeople, t0);
        endCost(letterPeople);

        t0 = System.nanoTime();
        Path dispatch = dataDir.resolve("dispatch-confirmation.csv");
        List<String> rows = new ArrayList<>();
        rows.add("letter_id,status,date,reason");
        jdbc.queryForList("select id from letter where campaign_id = ? and status = 'EXPORTED'", String.class,
                campaign.id()).forEach(id -> rows.add(id + ",POSTED,2025-09-12,"));
        Files.write(dispatch, rows);
        beginCost();
        long postedBefore = relay.done(EngineCommandKind.LETTER_POSTED);
        Progress posting = Progress.of(() -> relay.done(EngineCommandKind.LETTER_POSTED) - postedBefore,
                letterPeople);
        imports.importFile(campaign.id(), FileType.DISPATCH_CONFIRMATION, "dispatch-confirmation.csv", dispatch);
        record("apply the dispatch-confirmation file", letterPeople, t0);
        posting.await();
        recordEngine("dispatch confirmation to journeys (posted)", letterPeople, t0, posting);
        endCost(letterPeople);
        lines.add(String.format(Locale.ROOT, "%-45s %8d in %7.1f s = %9.0f people/s", "import to last posted",
                people, (System.nanoTime() - importStart) / 1e9, people / ((System.nanoTime() - importStart) / 1e9)));

        assertThat(count("select count(*) from letter where campaign_id = ? and status = 'POSTED'", campaign.id()))
                .isEqualTo(letterPeople);

        // Six weeks later: the campaign closes every return window in bulk.
        jdbc.update("update letter set return_window_ends_at = now() where campaign_id = ?", campaign.id());
        beginCost();
        t0 = System.nanoTime();
        long closedBefore = relay.done(EngineCommandKind.CLOSE_RETURN_WINDOW);
        Progress closing = Progress.of(() -> relay.done(EngineCommandKind.CLOSE_RETURN_WINDOW) - closedBefore,
                letterPeople);
        assertThat((long) commands.enqueueDueWindowCloses(campaign.id())).isEqualTo(letterPeople);
        closing.await();
        recordEngine("close return windows (journeys end)", letterPeople, t0, closing);
        endCost(letterPeople);

        checkOneJourneyAndOneLetterPerPerson(campaign, people, letterPeople);
        print();
    }

    private void beginCost() {
        if (DIAGNOSE) {
            if (cost == null) {
                cost = new StageCost(jdbc);
            }
            cost.begin();
        }
    }

    private void endCost(long items) {
        if (DIAGNOSE) {
            lines.addAll(cost.end(items));
        }
    }

    private void print() {
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.println();
        System.out.println("==== Campaign benchmark, " + PEOPLE + " people ("
                + Runtime.getRuntime().availableProcessors() + " cores) ====");
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "peak heap (sum of pool peaks): %d MB of max %d MB%n", peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            System.out.printf(Locale.ROOT, "garbage collector %s: %d collections, %.1f s in all%n", gc.getName(),
                    gc.getCollectionCount(), gc.getCollectionTime() / 1000.0);
        }
        System.out.println("=================================================");
    }

    private void record(String stage, long items, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        lines.add(String.format(Locale.ROOT, "%-45s %8d in %7.1f s = %9.0f people/s", stage, items, seconds,
                items / seconds));
    }

    /**
     * An engine stage, with its ratio to the bare engine's chunked starts measured in this run, and its rate in each
     * tenth of the stage (a slow-down that only comes late shows in the last tenths).
     */
    private void recordEngine(String stage, long items, long startNanos, Progress progress) {
        double perSecond = items / ((System.nanoTime() - startNanos) / 1e9);
        record(stage, items, startNanos);
        lines.set(lines.size() - 1, lines.get(lines.size() - 1)
                + String.format(Locale.ROOT, "  (%.2f of the yardstick)", perSecond / yardstick));
        lines.add("      per tenth, people/s: " + progress.ratesPerTenth(startNanos));
    }

    private void checkOneJourneyAndOneLetterPerPerson(Campaign campaign, long people, long letterPeople) {
        assertThat(count("""
                select count(*) from (select person_id from letter where campaign_id = ? group by person_id
                                      having count(*) <> 1) twice""", campaign.id())).as("people with 2+ letters")
                .isZero();
        assertThat(count("select count(distinct person_id) from letter where campaign_id = ?", campaign.id()))
                .isEqualTo(letterPeople);
        String keys = campaign.code() + "/%";
        assertThat(jdbc.queryForObject("""
                select count(*) from (select business_key_ from act_hi_procinst where proc_def_key_ = 'participant'
                                      and business_key_ like ? group by business_key_ having count(*) <> 1) twice""",
                Long.class, keys)).as("people with 2+ journeys").isZero();
        assertThat(jdbc.queryForObject("""
                select count(distinct business_key_) from act_hi_procinst where proc_def_key_ = 'participant'
                and business_key_ like ?""", Long.class, keys)).isEqualTo(people);
        lines.add("    check: every person has exactly one journey (" + people + ") and every letter person one letter ("
                + letterPeople + ")");
    }

    /**
     * A stage's progress, sampled from an in-JVM counter (the relay's committed commands) every 50 ms by a thread of
     * its own from the moment the stage begins: waiting puts no load on the database.
     */
    private static final class Progress {
        private final LongSupplier done;
        private final long total;
        private final long[] tenthReachedAt = new long[11];
        private final Thread sampler;
        private volatile boolean finished;
        private volatile long last;

        private Progress(LongSupplier done, long total) {
            this.done = done;
            this.total = total;
            this.sampler = new Thread(this::sample, "benchmark-progress");
            sampler.setDaemon(true);
            sampler.start();
        }

        static Progress of(LongSupplier done, long total) {
            return new Progress(done, total);
        }

        private void sample() {
            int tenth = 1;
            while (true) {
                long now = System.nanoTime();
                long n = done.getAsLong();
                last = n;
                while (tenth <= 10 && n * 10 >= total * tenth) {
                    tenthReachedAt[tenth++] = now;
                }
                if (n >= total) {
                    finished = true;
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void await() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofHours(3).toNanos();
            while (!finished) {
                if (System.nanoTime() > deadline) {
                    sampler.interrupt();
                    throw new AssertionError("benchmark stage did not finish: " + last + " of " + total);
                }
                Thread.sleep(100);
            }
        }

        String ratesPerTenth(long startNanos) {
            StringBuilder rates = new StringBuilder();
            long previous = startNanos;
            for (int t = 1; t <= 10; t++) {
                double seconds = Math.max(1e-3, (tenthReachedAt[t] - previous) / 1e9);
                rates.append(String.format(Locale.ROOT, "%s%.0f", t == 1 ? "" : " ", total / 10.0 / seconds));
                previous = tenthReachedAt[t];
            }
            return rates.toString();
        }
    }

    private long count(String sql, long campaignId) {
        return jdbc.queryForObject(sql, Long.class, campaignId);
    }

}
