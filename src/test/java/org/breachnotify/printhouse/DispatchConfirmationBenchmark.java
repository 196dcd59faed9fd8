package org.breachnotify.printhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.ImportResult;
import org.breachnotify.intake.ImportService;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dispatch-confirmation rows per second: one file confirming N letters with the print house (every 50th FAILED)
 * applied through {@link ImportService}, after a 1,000-letter warm-up; the engine-command relay is off, so only the
 * import is timed. Not part of {@code mvn verify}:
 * {@code mvn -Pbenchmark verify -Dtest=DispatchConfirmationBenchmark [-Dbenchmark.dispatch.letters=200000]
 * [-Dbenchmark.dispatch.explain=true]}. It runs unchanged on older commits, for the before/after ratio
 * (docs/benchmarks.md); the EXPLAIN of the set-based statement is printed where the importer has one.
 */
@ProcessTestContext
class DispatchConfirmationBenchmark {
    private static final int LETTERS = Integer.getInteger("benchmark.dispatch.letters", 200_000);
    private static final int FAILED_EVERY = 50;

    @TempDir
    Path dir;

    @Autowired
    CampaignFixture fixture;
    @Autowired
    ImportService imports;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void dispatch_confirmation_rows_per_second() throws Exception {
        String stages = System.getProperty("benchmark.stages", "all");
        Assumptions.assumeTrue(stages.equals("all") || stages.contains("dispatch"), "dispatch not asked for");

        Campaign warmUp = fixture.newCampaign();
        lettersWithThePrintHouse(warmUp, 1_000);
        confirm(warmUp, confirmationFile(warmUp, 1_000));

        Campaign campaign = fixture.newCampaign();
        lettersWithThePrintHouse(campaign, LETTERS);
        // as autovacuum would have done by the time a print house answers
        jdbc.execute("analyze letter");
        jdbc.execute("analyze person");
        Path file = confirmationFile(campaign, LETTERS);
        double[] cpu0 = cpuSeconds();
        long t0 = System.nanoTime();
        ImportResult result = confirm(campaign, file);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] cpu1 = cpuSeconds();

        long failed = LETTERS / FAILED_EVERY;
        assertThat(result.accepted()).isEqualTo(LETTERS);
        assertThat(result.rejected()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from letter where campaign_id = ? and status = 'POSTED'",
                Long.class, campaign.id())).isEqualTo(LETTERS - failed);
        assertThat(jdbc.queryForObject("select count(*) from engine_command where campaign_id = ?"
                + " and kind = 'LETTER_POSTED'", Long.class, campaign.id())).isEqualTo(LETTERS - failed);

        System.out.println();
        System.out.printf(Locale.ROOT, "==== Dispatch confirmation benchmark (%d cores) ====%n",
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%,d rows (%,d POSTED, %,d FAILED) in %.1f s = %,.0f rows/s%n", LETTERS,
                LETTERS - failed, failed, seconds, LETTERS / seconds);
        // CPU time moves far less than elapsed time when other work shares the machine
        System.out.printf(Locale.ROOT, "CPU: Java %.1f s + PostgreSQL %.1f s = %.1f ms per 1,000 rows%n",
                cpu1[0] - cpu0[0], cpu1[1] - cpu0[1], (cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1]) * 1e6 / LETTERS);
        if (Boolean.getBoolean("benchmark.dispatch.explain")) {
            explainApply();
        }
        System.out.println("====================================================");
    }

    /**
     * CPU seconds so far of this JVM and of the embedded PostgreSQL: the postmaster, its processes and those that
     * ended (Linux /proc; clock ticks of 1/100 s).
     */
    private double[] cpuSeconds() throws Exception {
        double java = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        Integer backend = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
        String postmaster = stat(backend.toString())[3];
        long ticks = 0;
        String[] own = stat(postmaster);
        for (int field = 13; field <= 16; field++) {
            ticks += Long.parseLong(own[field]);
        }
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String[] f;
                try {
                    f = stat(process.getFileName().toString());
                } catch (java.io.IOException gone) {
                    continue;
                }
                if (f[3].equals(postmaster)) {
                    ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                }
            }
        }
        return new double[]{java, ticks / 100.0};
    }

    /** The fields of /proc/[pid]/stat, the command name (which may hold spaces) taken out. */
    private static String[] stat(String pid) throws java.io.IOException {
        String text = Files.readString(Path.of("/proc", pid, "stat"));
        String rest = text.substring(text.lastIndexOf(')') + 2);
        return ("pid comm " + rest).split(" ");
    }

    private ImportResult confirm(Campaign campaign, Path file) {
        return imports.importFile(campaign.id(), FileType.DISPATCH_CONFIRMATION, file.getFileName().toString(),
                file);
    }

    private Path confirmationFile(Campaign campaign, int letters) throws Exception {
        // In the order of the print file (here: by person), which is no order of the unguessable letter ids.
        List<String> ids = jdbc.queryForList("select id from letter where campaign_id = ? order by person_id",
                String.class, campaign.id());
        assertThat(ids).hasSize(letters);
        List<String> lines = new ArrayList<>(letters + 1);
        lines.add("letter_id,status,date,reason");
        for (int i = 1; i <= letters; i++) {
            lines.add(ids.get(i - 1) + (i % FAILED_EVERY == 0 ? ",FAILED,2025-09-12,damaged" : ",POSTED,2025-09-12,"));
        }
        return Files.write(dir.resolve("dispatch-confirmation-" + campaign.id() + ".csv"), lines);
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of the importer's set-based statement on one chunk of 20,000 rows (a campaign of its
     * own, after the measured one), in a transaction that is rolled back; skipped when the importer has no such
     * statement (the row-by-row one).
     */
    private void explainApply() throws Exception {
        Field apply;
        try {
            apply = org.breachnotify.letter.LetterStatuses.class.getDeclaredField("DISPATCH_APPLY");
        } catch (NoSuchFieldException e) {
            System.out.println("(no set-based statement to explain)");
            return;
        }
        apply.setAccessible(true);
        String sql = (String) apply.get(null);
        // committed first, as a print house's letters are: rows of the explaining transaction itself would
        // make PostgreSQL check their foreign keys on update
        Campaign campaign = fixture.newCampaign();
        lettersWithThePrintHouse(campaign, 20_000);
        jdbc.execute("analyze letter");
        jdbc.execute("analyze person");
        List<String> plan = transactions.execute(tx -> {
            tx.setRollbackOnly();
            jdbc.execute("""
                    create temporary table stage_dispatch (
                        line bigint not null, letter_id text not null, posted boolean not null,
                        posted_date date not null
                    ) on commit drop""");
            jdbc.update("""
                    insert into stage_dispatch
                    select row_number() over (order by person_id) + 1, id, person_id % 50 <> 0, date '2025-09-12'
                    from letter where campaign_id = ?""", campaign.id());
            jdbc.execute("analyze stage_dispatch");
            return jdbc.queryForList("explain (analyze, buffers) " + sql.replace("?", Long.toString(campaign.id())),
                    String.class);
        });
        System.out.println("EXPLAIN (ANALYZE, BUFFERS) of the apply statement, one chunk of 20,000 rows:");
        plan.forEach(System.out::println);
    }

    /** Letters 1..n, each of its own person, with the print house (EXPORTED) in one print batch. */
    private void lettersWithThePrintHouse(Campaign campaign, int n) {
        String batch = "B-BENCH-" + campaign.id();
        jdbc.update("""
                insert into print_batch (id, campaign_id, domestic, letters, pages, sheets, status)
                values (?, ?, true, ?, ?, ?, 'NOTIFIED')""", batch, campaign.id(), n, 2 * n, n);
        jdbc.update("""
                insert into person (campaign_id, participant_id, bsn, initials, surname, surname_key, birth_date,
                                    street, house_number, postcode, city, country, language, gp_smear_before_2017,
                                    grp, stage, journey_started_at, open_journeys)
                select ?, 'P-' || g, lpad(g::text, 9, '0'), 'A.B.', 'Berg', 'berg', date '1970-01-01',
                       'Kerkstraat', g % 200 + 1, '1012 AB', 'Amsterdam', 'NL', 'nl', false, 'GROUP_1', 'EXPORTED',
                       now(), 1
                from generate_series(1, ?) g""", campaign.id(), n);
        jdbc.update("""
                insert into letter (id, campaign_id, person_id, grp, language, kind, template_version,
                                    template_fingerprint, lookup_reference, letter_date, status, pages, initials,
                                    surname, street, house_number, postcode, city, country, kix, address_layout,
                                    batch_id, print_attempts, exported_at, content_sha256, rendered_at)
                select 'LTR-' || upper(substr(md5(p.campaign_id || '-' || p.id), 1, 16)), p.campaign_id, p.id,
                       'GROUP_1', 'nl', 'FIRST', 'v1', md5('v1'), 'REF-' || p.id, date '2025-09-10', 'EXPORTED', 2,
                       p.initials, p.surname, p.street, p.house_number, p.postcode, p.city, p.country,
                       '1012AB' || p.house_number, 2, ?, 1, now(), encode(sha256(p.id::text::bytea), 'hex'), now()
                from person p where p.campaign_id = ?""", batch, campaign.id());
    }
}
