package org.breachnotify.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.campaign.CampaignService;
import org.breachnotify.campaign.CampaignStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The demo started again after a kill that came between writing its files into the inbox and starting its campaign:
 * the files are there, the campaign is not running yet. The start must go through and start the campaign, with the
 * inbox holding the demo's files once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "breachnotify.demo.enabled=true",
        "breachnotify.demo.people=" + DemoRestartTest.PEOPLE,
        "breachnotify.demo.campaign-code=" + DemoRestartTest.CODE,
        "breachnotify.engine-commands.relay-enabled=false",
        "camunda.bpm.job-execution.enabled=false",
        "breachnotify.embedded-postgres.directory=",
        "breachnotify.embedded-postgres.port=0",
        "breachnotify.embedded-postgres.clean=true",
        "spring.mail.port=3027"
})
@DirtiesContext
class DemoRestartTest {
    static final int PEOPLE = 40;
    static final String CODE = "demo-restart";
    private static final Path DATA_DIR = createDataDir();

    @Autowired
    CampaignService campaigns;

    /** What the run that was killed left: every demo file in the inbox (and the postal world next to it). */
    @DynamicPropertySource
    static void dataLeftByTheKilledRun(DynamicPropertyRegistry registry) {
        new SyntheticCampaignGenerator().generate(GeneratorSettings.defaults(PEOPLE), DATA_DIR.resolve("inbox")
                .resolve(CODE), DATA_DIR.resolve("demo-world").resolve(CODE));
        registry.add("breachnotify.data-dir", DATA_DIR::toString);
    }

    @AfterAll
    static void removeDataDir() throws IOException {
        FileSystemUtils.deleteRecursively(DATA_DIR);
    }

    @Test
    void theDemoStartsAgainAndRunsItsCampaignWithItsFilesInTheInboxOnce(@TempDir Path fresh)
            throws IOException {
        Campaign campaign = campaigns.findByCode(CODE).orElseThrow();
        assertThat(campaign.status()).isEqualTo(CampaignStatus.RUNNING);

        new SyntheticCampaignGenerator().generate(GeneratorSettings.defaults(PEOPLE), fresh, fresh.resolve("world"));
        Path inbox = campaigns.inboxOf(campaign);
        assertThat(names(inbox)).containsExactlyInAnyOrderElementsOf(names(fresh));
        for (String name : names(fresh)) {
            assertThat(Files.readAllBytes(inbox.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(fresh.resolve(name)));
        }
    }

    /** Regular files, hidden ones included (a leftover staging folder would show as a directory, checked apart). */
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString() + (Files.isDirectory(f) ? "/" : ""))
                    .filter(n -> !n.equals("world/")).toList();
        }
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("demo-restart-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
