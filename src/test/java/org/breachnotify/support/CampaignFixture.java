package org.breachnotify.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.campaign.CampaignService;
import org.breachnotify.campaign.CampaignSettings;
import org.breachnotify.engine.EngineCommandRelay;
import org.breachnotify.engine.EngineCommands;
import org.breachnotify.engine.JourneyKeys;
import org.breachnotify.campaign.JourneyStarts;
import org.breachnotify.printhouse.PrintBatchService;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.ImportResult;
import org.breachnotify.intake.ImportService;
import org.breachnotify.classification.ClassificationService;
import org.breachnotify.matching.MatchingService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Builds small campaigns from inline CSV and moves them along step by step, as the campaign process would. */
@Component
public class CampaignFixture {
    public static final String PARTICIPANTS_HEADER = "participant_id,bsn,initials,surname_prefix,surname,birth_date,"
            + "street,house_number,house_letter,house_number_suffix,postcode,city,country,language,email,"
            + "gp_smear_before_2017,deceased_date";

    private final CampaignService campaigns;
    private final ImportService imports;
    private final MatchingService matching;
    private final ClassificationService classification;
    private final EngineCommands commands;
    private final EngineCommandRelay relay;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final JdbcTemplate jdbc;
    private final JourneyStarts journeyStarts;
    private final JourneyKeys journeyKeys;
    private final PrintBatchService batches;

    public CampaignFixture(CampaignService campaigns, ImportService imports, MatchingService matching,
                           ClassificationService classification, EngineCommands commands, EngineCommandRelay relay,
                           RuntimeService runtime, ManagementService management, JdbcTemplate jdbc,
                           JourneyStarts journeyStarts, JourneyKeys journeyKeys, PrintBatchService batches) {
        this.batches = batches;
        this.journeyStarts = journeyStarts;
        this.journeyKeys = journeyKeys;
        this.classification = classification;
        this.campaigns = campaigns;
        this.imports = imports;
        this.matching = matching;
        this.commands = commands;
        this.relay = relay;
        this.runtime = runtime;
        this.management = management;
        this.jdbc = jdbc;
    }

    /** A campaign whose partial batches are due at once and whose return window is short. */
    public Campaign newCampaign() {
        String code = "t-" + UUID.randomUUID().toString().substring(0, 8);
        return campaigns.create(code, "Test " + code, new CampaignSettings("PT1M", "PT10M", 100, "PT0S"));
    }

    public ImportResult importCsv(Campaign campaign, FileType type, String fileName, String... lines) {
        try {
            Path file = Files.createTempFile("fixture-", ".csv");
            Files.writeString(file, String.join("\n", lines) + "\n");
            try {
                return imports.importFile(campaign.id(), type, fileName, file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A register row for a person in Amsterdam; {@code extra} overrides nothing, it is appended as given. */
    public static String participant(String id, String bsn, String surname, String birthDate, String postcode,
                                     String gpSmear, String deceasedDate) {
        return String.join(",", id, bsn, "A.B.", "", surname, birthDate, "Kerkstraat", "12", "", "",
                postcode, "Amsterdam", "NL", "nl", "", gpSmear, deceasedDate == null ? "" : deceasedDate);
    }

    /** What a campaign round does before it cuts print batches: match, classify, start journeys. */
    public void matchAndStartJourneys(Campaign campaign) {
        matching.matchNewRecords(campaign.id());
        classification.classifyPending(campaign.id());
        journeyStarts.composeAndQueue(campaign.id());
        relayAndRun(campaign);
    }

    /** Relays queued engine commands and runs the due jobs of every instance of the campaign. */
    public void relayAndRun(Campaign campaign) {
        relay.relayAll();
        for (int round = 0; round < 5; round++) {
            int ran = 0;
            List<ProcessInstance> instances = new java.util.ArrayList<>(runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKeyLike(JourneyKeys.campaignPrefix(campaign.code()) + "%").list());
            instances.addAll(runtime.createProcessInstanceQuery().variableValueEquals("campaignId", campaign.id())
                    .list());
            for (ProcessInstance pi : instances) {
                ran += Jobs.runDue(management, pi.getId());
            }
            relay.relayAll();
            if (ran == 0) {
                return;
            }
        }
    }

    /**
     * Lets every open return window of the campaign pass now, then does what the campaign's "Close due return
     * windows" step does and relays the messages.
     */
    public int closeReturnWindows(Campaign campaign) {
        jdbc.update("""
                update letter set return_window_ends_at = now() - interval '1 second'
                where campaign_id = ? and window_closed_at is null and return_window_ends_at is not null""",
                campaign.id());
        int queued = commands.enqueueDueWindowCloses(campaign.id());
        relayAndRun(campaign);
        return queued;
    }

    /** Imports register rows (after the header) and insists that none was rejected. */
    public void register(Campaign campaign, String... rows) {
        ImportResult result = importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", withHeader(
                PARTICIPANTS_HEADER, rows));
        if (result.rejected() != 0) {
            throw new AssertionError("rejections: " + result.firstRejections());
        }
    }

    /** Imports leaked records (after the header). */
    public void leaked(Campaign campaign, String... rows) {
        importCsv(campaign, FileType.LEAKED_RECORDS, "leaked-records.csv",
                withHeader("dataset,lab_record_id,bsn,surname,birth_date,postcode", rows));
    }

    /** Cuts the ready letters into batches, confirms every one of them posted and relays; answers the letters. */
    public List<String> postAll(Campaign campaign) {
        List<String> delivered = batches.cutAndDeliver(campaign(campaign.id()));
        if (delivered.isEmpty()) {
            throw new AssertionError("no letter was ready to print");
        }
        List<String> letters = jdbc.queryForList("select id from letter where batch_id = any(?) order by id",
                String.class, (Object) delivered.toArray(String[]::new));
        ImportResult result = importCsv(campaign, FileType.DISPATCH_CONFIRMATION,
                "dispatch-confirmation-" + delivered.get(0) + ".csv", withHeader("letter_id,status,date,reason",
                        letters.stream().map(id -> id + ",POSTED,2025-09-12,").toArray(String[]::new)));
        if (result.accepted() != letters.size()) {
            throw new AssertionError("confirmations not accepted: " + result.firstRejections());
        }
        relayAndRun(campaign);
        return letters;
    }

    /** Reports the letter returned by the post office and relays. */
    public ImportResult returned(Campaign campaign, String letterId, String reason) {
        ImportResult result = importCsv(campaign, FileType.RETURN_MAIL, "return-mail-" + letterId + ".csv",
                "letter_id,reason,date", letterId + "," + reason + ",2025-09-20");
        relayAndRun(campaign);
        return result;
    }

    private static String[] withHeader(String header, String... rows) {
        String[] lines = new String[rows.length + 1];
        lines[0] = header;
        System.arraycopy(rows, 0, lines, 1, rows.length);
        return lines;
    }

    public long personId(Campaign campaign, String participantId) {
        return jdbc.queryForObject("select id from person where campaign_id = ? and participant_id = ?", Long.class,
                campaign.id(), participantId);
    }

    /** The person's running journey (the older one, when a corrective journey runs too); null when none runs. */
    public ProcessInstance journeyOf(long personId) {
        java.util.List<ProcessInstance> running = journeysOf(personId);
        return running.isEmpty() ? null : running.get(0);
    }

    /**
     * The end event a process instance reached, from the engine's process-instance history ({@code END_ACT_ID_});
     * null while it runs. End events have no activity row (ADR 15).
     */
    public String endActivityOf(ProcessInstance instance) {
        return jdbc.queryForObject("select end_act_id_ from act_hi_procinst where id_ = ?", String.class,
                instance.getId());
    }

    /** The person's running journeys, oldest first. */
    public java.util.List<ProcessInstance> journeysOf(long personId) {
        String key = journeyKeys.of(personId);
        java.util.List<String> order = jdbc.queryForList(
                "select id_ from act_hi_procinst where business_key_ = ? order by start_time_, id_", String.class, key);
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).list().stream()
                .sorted(java.util.Comparator.comparingInt(p -> order.indexOf(p.getId()))).toList();
    }

    public String currentLetterOf(long personId) {
        return jdbc.queryForObject(
                "select id from letter where person_id = ? order by created_at desc, id desc limit 1", String.class,
                personId);
    }

    public List<String> lettersOf(long personId) {
        return jdbc.queryForList("select id from letter where person_id = ? order by created_at, id", String.class,
                personId);
    }

    public String letterStatus(String letterId) {
        return jdbc.queryForObject("select status from letter where id = ?", String.class, letterId);
    }

    public Campaign campaign(long id) {
        return campaigns.get(id);
    }
}
