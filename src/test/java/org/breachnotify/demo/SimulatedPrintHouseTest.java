package org.breachnotify.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedPrintHouseTest {

    private static final Clock SEPT_12 = Clock.fixed(Instant.parse("2025-09-12T08:00:00Z"), ZoneId.of("Europe/Amsterdam"));
    private static final Set<String> RETURN_REASONS = Set.of("MOVED", "ADDRESS_UNKNOWN", "ADDRESS_INCOMPLETE",
            "ILLEGIBLE", "MAILBOX_UNAVAILABLE", "REFUSED", "DECEASED", "OTHER");

    @TempDir
    Path tmp;

    Path exportDir;
    Path stateDir;
    Path worldFile;
    List<String> campaignsAsked = new ArrayList<>();
    Function<String, Path> inboxes;
    /** letter id -> kix of the 1,000 letters in the batch. */
    Map<String, String> letters = new LinkedHashMap<>();
    /** kix -> reason, the 40 returning addresses among the letters. */
    Map<String, String> world = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        exportDir = tmp.resolve("export");
        stateDir = tmp.resolve("state");
        worldFile = tmp.resolve("world/postal-world.csv");
        inboxes = campaign -> {
            campaignsAsked.add(campaign);
            return tmp.resolve("inbox").resolve(campaign);
        };
        Random random = new Random(1);
        for (int i = 0; i < 1_000; i++) {
            String letterId = "LTR-" + new UUID(random.nextLong(), random.nextLong());
            // Every 50th letter goes abroad and has no KIX.
            String kix = i % 50 == 49 ? "" : (1000 + i) + "AB" + (1 + i % 97) + (i % 7 == 0 ? "XA" : "");
            letters.put(letterId, kix);
            if (i % 25 == 3) {
                world.put(kix, i % 2 == 0 ? "MOVED" : "DECEASED");
            }
        }
        Files.createDirectories(worldFile.getParent());
        StringBuilder w = new StringBuilder("kix,reason\n");
        world.forEach((kix, reason) -> w.append(kix).append(',').append(reason).append('\n'));
        w.append("9999ZZ1,MOVED\n"); // an address that gets no letter in this batch
        Files.writeString(worldFile, w.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void a_complete_batch_is_posted_once_with_dispatch_confirmation_and_returns() throws IOException {
        writeBatch("B-20250912-0001", "demo-2025", true);
        SimulatedPrintHouse printHouse = printHouse(0.05, 0.01);

        assertThat(printHouse.processNewBatches()).isEqualTo(1);
        assertThat(printHouse.processNewBatches()).isZero();
        assertThat(campaignsAsked).containsExactly("demo-2025");

        Path inbox = tmp.resolve("inbox/demo-2025");
        List<CSVRecord> dispatch = SyntheticCampaignGeneratorTest.rows(
                inbox.resolve("dispatch-confirmation-B-20250912-0001.csv"));
        assertThat(dispatch).hasSize(1_000);
        assertThat(dispatch).extracting(r -> r.get("letter_id")).containsExactlyInAnyOrderElementsOf(letters.keySet());
        assertThat(dispatch).allMatch(r -> r.get("date").equals("2025-09-12"));
        Set<String> posted = new HashSet<>();
        int failed = 0;
        for (CSVRecord r : dispatch) {
            if (r.get("status").equals("POSTED")) {
                assertThat(r.get("reason")).isEmpty();
                posted.add(r.get("letter_id"));
            } else {
                assertThat(r.get("status")).isEqualTo("FAILED");
                assertThat(r.get("reason")).isIn("damaged", "misprint");
                failed++;
            }
        }
        assertThat(failed).isBetween(2, 25);

        Map<String, String> returned = new HashMap<>();
        for (CSVRecord r : SyntheticCampaignGeneratorTest.rows(inbox.resolve("return-mail-B-20250912-0001.csv"))) {
            assertThat(returned.put(r.get("letter_id"), r.get("reason"))).isNull();
            assertThat(r.get("reason")).isIn(RETURN_REASONS);
            assertThat(r.get("date")).isEqualTo("2025-09-12");
        }
        assertThat(posted).containsAll(returned.keySet());
        int fromWorld = 0;
        for (String letterId : posted) {
            String worldReason = world.get(letters.get(letterId));
            if (worldReason != null) {
                assertThat(returned).containsEntry(letterId, worldReason);
                fromWorld++;
            }
        }
        assertThat(fromWorld).isGreaterThan(30);
        long random = returned.size() - fromWorld;
        assertThat(random).isBetween(25L, 80L); // 5% of about 950 others
        assertThat(returned.values().stream().filter(r -> !r.equals("MOVED") && !r.equals("DECEASED")).distinct()
                .count()).isGreaterThanOrEqualTo(4);

        try (Stream<Path> files = Files.list(inbox)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "dispatch-confirmation-B-20250912-0001.csv", "return-mail-B-20250912-0001.csv");
        }
    }

    @Test
    void incomplete_batches_wait_and_a_restart_does_not_post_twice() throws IOException {
        writeBatch("B-1", "demo-2025", true);
        writeBatch("B-2", "demo-2025", false); // no job ticket yet: still being written
        assertThat(printHouse(0.015, 0.002).processNewBatches()).isEqualTo(1);
        assertThat(tmp.resolve("inbox/demo-2025/dispatch-confirmation-B-2.csv")).doesNotExist();

        Files.delete(tmp.resolve("inbox/demo-2025/dispatch-confirmation-B-1.csv"));
        SimulatedPrintHouse restarted = printHouse(0.015, 0.002);
        assertThat(restarted.processNewBatches()).isZero();
        assertThat(tmp.resolve("inbox/demo-2025/dispatch-confirmation-B-1.csv")).doesNotExist();

        writeTicket("B-2", "demo-2025");
        assertThat(restarted.processNewBatches()).isEqualTo(1);
        assertThat(SyntheticCampaignGeneratorTest.rows(tmp.resolve("inbox/demo-2025/dispatch-confirmation-B-2.csv")))
                .hasSize(1_000);
    }

    @Test
    void the_same_letters_get_the_same_answer_and_no_world_means_only_random_returns() throws IOException {
        writeBatch("B-1", "demo-2025", true);
        SimulatedPrintHouse withoutWorld = new SimulatedPrintHouse(exportDir, tmp.resolve("state-a"),
                c -> tmp.resolve("a"), null, 0.05, 0.01, SEPT_12);
        SimulatedPrintHouse again = new SimulatedPrintHouse(exportDir, tmp.resolve("state-b"),
                c -> tmp.resolve("b"), null, 0.05, 0.01, SEPT_12);
        assertThat(withoutWorld.processNewBatches()).isEqualTo(1);
        assertThat(again.processNewBatches()).isEqualTo(1);
        for (String file : List.of("dispatch-confirmation-B-1.csv", "return-mail-B-1.csv")) {
            assertThat(Files.readString(tmp.resolve("b").resolve(file)))
                    .isEqualTo(Files.readString(tmp.resolve("a").resolve(file)));
        }
        assertThat(SyntheticCampaignGeneratorTest.rows(tmp.resolve("a/return-mail-B-1.csv")))
                .noneMatch(r -> r.get("reason").equals("MOVED") || r.get("reason").equals("DECEASED"))
                .hasSizeBetween(25, 80);
    }

    @Test
    void nothing_returned_means_no_return_file() throws IOException {
        writeBatch("B-1", "demo-2025", true);
        SimulatedPrintHouse printHouse = new SimulatedPrintHouse(exportDir, stateDir, inboxes, null, 0.0, 0.0, SEPT_12);
        assertThat(printHouse.processNewBatches()).isEqualTo(1);
        assertThat(tmp.resolve("inbox/demo-2025/return-mail-B-1.csv")).doesNotExist();
        assertThat(SyntheticCampaignGeneratorTest.rows(tmp.resolve("inbox/demo-2025/dispatch-confirmation-B-1.csv")))
                .hasSize(1_000).allMatch(r -> r.get("status").equals("POSTED"));
    }

    private SimulatedPrintHouse printHouse(double returnShare, double failedShare) {
        return new SimulatedPrintHouse(exportDir, stateDir, inboxes, worldFile, returnShare, failedShare, SEPT_12);
    }

    private void writeBatch(String batchId, String campaign, boolean complete) throws IOException {
        Path dir = Files.createDirectories(exportDir.resolve(batchId));
        StringBuilder csv = new StringBuilder(
                "sequence,letter_id,group,language,template_version,pages,first_page,postcode,kix,country\n");
        int sequence = 0;
        for (Map.Entry<String, String> letter : letters.entrySet()) {
            sequence++;
            String kix = letter.getValue();
            String postcode = kix.isEmpty() ? "1000" : kix.substring(0, 4) + " " + kix.substring(4, 6);
            csv.append(sequence).append(',').append(letter.getKey()).append(",GROUP_1,nl,v1,2,")
                    .append(2 * sequence - 1).append(',').append(postcode).append(',').append(kix).append(',')
                    .append(kix.isEmpty() ? "BE" : "NL").append('\n');
        }
        Files.writeString(dir.resolve(batchId + ".csv"), csv.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(batchId + ".pdf"), "%PDF-1.7 stand-in", StandardCharsets.UTF_8);
        if (complete) {
            writeTicket(batchId, campaign);
        }
    }

    private void writeTicket(String batchId, String campaign) throws IOException {
        Files.writeString(exportDir.resolve(batchId).resolve(batchId + ".json"), """
                {"batchId": "%s", "campaign": "%s", "createdAt": "2025-09-11T22:00:00Z",
                 "letters": 1000, "pages": 2000, "sheets": 1000, "groups": {"GROUP_1": 1000}}
                """.formatted(batchId, campaign), StandardCharsets.UTF_8);
    }
}
