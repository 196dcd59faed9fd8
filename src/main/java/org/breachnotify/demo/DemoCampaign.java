package org.breachnotify.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.campaign.CampaignDefaults;
import org.breachnotify.campaign.CampaignService;
import org.breachnotify.campaign.CampaignSettings;
import org.breachnotify.campaign.CampaignStatus;
import org.breachnotify.engine.EngineAdministration;
import org.breachnotify.platform.CrashPoints;
import org.breachnotify.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The demo: seeds users, generates a synthetic campaign into its inbox (once), starts it, and plays the print
 * house, which confirms each batch and returns some letters. Off with {@code BREACHNOTIFY_DEMO_ENABLED=false}.
 */
@Component
@ConditionalOnProperty(name = "breachnotify.demo.enabled", havingValue = "true")
public class DemoCampaign implements ApplicationRunner {
    /** The demo's users, one or two per role; they exist only where the demo runs. */
    public static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("manager", "Pat", "Manager", Role.PROCESS_MANAGER),
            new DemoUser("helpdesk", "Sam", "Helpdesk", Role.HELPDESK),
            new DemoUser("helpdesk2", "Robin", "Helpdesk", Role.HELPDESK),
            new DemoUser("privacy", "Noor", "Privacy", Role.PRIVACY_OFFICER),
            new DemoUser("printhouse", "Kim", "Printer", Role.PRINT_HOUSE));
    private static final Logger log = LoggerFactory.getLogger(DemoCampaign.class);

    public record DemoUser(String id, String firstName, String lastName, Role role) {
    }

    private final DemoProperties demo;
    private final CampaignDefaults defaults;
    private final CampaignService campaigns;
    private final EngineAdministration admin;
    private final ApplicationContext context;
    private final Path dataDir;
    private final Path exportDir;
    private final Clock clock;
    private final CrashPoints crashPoints;
    private volatile SimulatedPrintHouse printHouse;

    public DemoCampaign(DemoProperties demo, CampaignDefaults defaults, CampaignService campaigns,
                        EngineAdministration admin,
                        ApplicationContext context, @Value("${breachnotify.data-dir}") Path dataDir,
                        @Value("${breachnotify.export-dir}") Path exportDir, Clock clock, CrashPoints crashPoints) {
        this.demo = demo;
        this.defaults = defaults;
        this.campaigns = campaigns;
        this.admin = admin;
        this.context = context;
        this.dataDir = dataDir;
        this.exportDir = exportDir;
        this.clock = clock;
        this.crashPoints = crashPoints;
    }

    @Override
    public void run(ApplicationArguments args) {
        seedUsers();
        Campaign campaign = campaigns.create(demo.campaignCode(), "Demo campaign (" + demo.people() + " synthetic people)",
                new CampaignSettings(demo.roundInterval(), demo.returnWindow(), batchSize(demo, defaults.batchSize()),
                        demo.batchMaxWait()));
        Path world = dataDir.resolve("demo-world").resolve(campaign.code());
        if (campaign.status() == CampaignStatus.OPEN) {
            generate(campaign, world);
            crashPoints.reached(CrashPoints.Point.DEMO_FILES_WRITTEN);
        }
        Path postalWorld = world.resolve("postal-world.csv");
        printHouse = new SimulatedPrintHouse(exportDir, dataDir.resolve("printhouse-sim"),
                code -> campaigns.findByCode(code).map(campaigns::inboxOf)
                        .orElse(dataDir.resolve("printhouse-sim").resolve("unknown-campaign")),
                Files.exists(postalWorld) ? postalWorld : null, 0.015, 0.002, clock);
        campaign = campaigns.start(campaign.id());
        printBanner(campaign);
    }

    /**
     * Letters per print batch: the configured size (500, so the default 2,000 people make a few batches to follow),
     * raised for a large demo to a twentieth of its people, at most {@code campaignBatchSize} (a real campaign's
     * default, {@code breachnotify.campaign-defaults.batch-size}): a 100,000-person demo then makes 20 batches, not
     * 200 that the simulated print house takes a few per poll.
     */
    static int batchSize(DemoProperties demo, int campaignBatchSize) {
        return Math.max(demo.batchSize(), Math.min(campaignBatchSize, demo.people() / 20));
    }

    @Scheduled(fixedDelayString = "${breachnotify.demo.print-house-poll-interval}")
    public void playPrintHouse() {
        SimulatedPrintHouse house = printHouse;
        if (house != null) {
            int handled = house.processNewBatches();
            if (handled > 0) {
                log.info("Simulated print house confirmed {} batch(es)", handled);
            }
        }
    }

    /**
     * Writes the campaign's files into its inbox. Only while the campaign has not started, so nothing has read them
     * yet: a run killed before the start may have left them, or some of them, and the generator writes the same bytes
     * again, which simply replace them.
     */
    private void generate(Campaign campaign, Path world) {
        Path inbox = campaigns.inboxOf(campaign);
        try {
            Files.createDirectories(inbox);
            Files.createDirectories(world);
            // Written to a hidden folder first and moved in, so the inbox never shows half a file.
            Path staging = inbox.resolve(".generating");
            deleteRecursively(staging);
            Files.createDirectories(staging);
            GeneratedCampaign generated = new SyntheticCampaignGenerator()
                    .generate(GeneratorSettings.defaults(demo.people()), staging, world);
            try (var files = Files.list(staging)) {
                for (Path f : files.toList()) {
                    Files.move(f, inbox.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.delete(staging);
            log.info("Demo campaign '{}': generated {} people ({} dirty rows), {} leaked records into {}",
                    campaign.code(), generated.people(), generated.dirtyRows(), generated.leakedRecords(), inbox);
        } catch (IOException e) {
            throw new UncheckedIOException("could not generate the demo campaign", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** One user per role, with the user name as password (groups and rights exist in every environment). */
    private void seedUsers() {
        for (DemoUser user : DEMO_USERS) {
            admin.ensureUser(user.id(), user.firstName(), user.lastName(), user.id(), user.role().groupId());
        }
    }

    private void printBanner(Campaign campaign) {
        int port = context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : 8080;
        String base = "http://localhost:" + port;
        log.info("""

                ================================================================================
                 Demo campaign '{}' (id {}) is running with {} synthetic people.
                 Cockpit / Tasklist / Admin:  {}/camunda
                   admin / admin            (administrator: everything)
                   manager / manager        (process manager: Cockpit read-only, campaigns, reports)
                   helpdesk / helpdesk      (helpdesk: Tasklist "Returned letters")
                   privacy / privacy        (privacy officer: Tasklist "Doubtful matches")
                   printhouse / printhouse  (print house: uploads dispatch confirmations, returned mail)
                 Campaign report:            {}/campaign-report.html?campaign={}   (log in as manager)
                 Report as JSON:             {}/api/campaigns/{}/report
                 Inbox (drop files here):    {}
                 Print batches appear in:    {}
                ================================================================================""",
                campaign.code(), campaign.id(), demo.people(), base, base, campaign.id(), base, campaign.id(),
                campaigns.inboxOf(campaign).toAbsolutePath().normalize(), exportDir.toAbsolutePath().normalize());
    }
}
