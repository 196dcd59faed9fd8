package org.breachnotify.campaign;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.breachnotify.engine.EngineCommands;
import org.breachnotify.engine.ProcessEngineAdapter;
import org.breachnotify.engine.ProcessModels;
import org.breachnotify.intake.ImportProgress;
import org.breachnotify.journey.PersonStage;
import org.breachnotify.register.Group;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

@Service
public class CampaignReportService {
    private static final Map<String, String> STAGE_LABELS = Arrays.stream(PersonStage.values()).collect(
            Collectors.toMap(PersonStage::name, PersonStage::label, (a, b) -> a, LinkedHashMap::new));

    private final JdbcTemplate jdbc;
    private final CampaignService campaigns;
    private final ProcessEngineAdapter engine;
    private final EngineCommands commands;
    private final ImportProgress importProgress;

    public CampaignReportService(JdbcTemplate jdbc, CampaignService campaigns, ProcessEngineAdapter engine,
                                 EngineCommands commands, ImportProgress importProgress) {
        this.importProgress = importProgress;
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.engine = engine;
        this.commands = commands;
    }

    public CampaignReport report(long campaignId) {
        Campaign c = campaigns.get(campaignId);
        long participants = count("select count(*) from person where campaign_id = ?", campaignId);
        long rejected = count("select coalesce(sum(rows_rejected), 0) from import_file where campaign_id = ?",
                campaignId);

        Map<String, Long> groups = new LinkedHashMap<>();
        for (Group g : Group.values()) {
            groups.put(g.name(), 0L);
        }
        jdbc.query("select grp, count(*) from person where campaign_id = ? and grp is not null group by grp",
                rs -> {
                    groups.put(rs.getString(1), rs.getLong(2));
                }, campaignId);

        Map<String, Object> l = jdbc.queryForMap("""
                select count(*) generated,
                       count(*) filter (where exported_at is not null) exported,
                       count(*) filter (where posted_date is not null or status = 'RETURNED') posted,
                       count(*) filter (where status = 'RETURNED') returned,
                       count(*) filter (where kind = 'REMAIL') remailed,
                       count(*) filter (where kind = 'CORRECTIVE') corrective
                from letter where campaign_id = ?""", campaignId);
        CampaignReport.Letters letters = new CampaignReport.Letters(n(l, "generated"), n(l, "exported"),
                n(l, "posted"), n(l, "returned"), n(l, "remailed"), n(l, "corrective"));

        Map<String, Object> m = jdbc.queryForMap("""
                select count(*) total,
                       count(*) filter (where match_status = 'LINKED') linked,
                       count(*) filter (where match_status = 'PROBABLE') probable,
                       count(*) filter (where r.kind = 'CONFLICT') conflicts,
                       count(*) filter (where r.kind = 'AMBIGUOUS') ambiguous,
                       count(*) filter (where match_status = 'UNLINKED') unlinked,
                       count(*) filter (where match_status = 'LINKED_BY_STAFF') by_staff,
                       count(*) filter (where match_status = 'DISMISSED') dismissed,
                       count(*) filter (where r.status = 'OPEN') open_reviews
                from leaked_record lr left join match_review r on r.leaked_record_id = lr.id
                where lr.campaign_id = ?""", campaignId);
        CampaignReport.Matching matching = new CampaignReport.Matching(n(m, "total"), n(m, "linked"),
                n(m, "probable"), n(m, "conflicts"), n(m, "ambiguous"), n(m, "unlinked"), n(m, "by_staff"),
                n(m, "dismissed"), n(m, "open_reviews"));

        CampaignReport.Journeys journeys = new CampaignReport.Journeys(
                count("select count(*) from person where campaign_id = ? and journey_started_at is not null",
                        campaignId),
                count("select count(*) from person where campaign_id = ? and journey_ended_at is not null",
                        campaignId),
                countBy("select stage, count(*) from person where campaign_id = ? group by stage order by 1",
                        campaignId),
                countBy("""
                        select journey_outcome, count(*) from person where campaign_id = ?
                        and journey_outcome is not null group by 1 order by 1""", campaignId),
                STAGE_LABELS);

        Map<String, Long> returns = countBy("""
                select r.reason, count(*) from returned_mail r join letter l on l.id = r.letter_id
                where l.campaign_id = ? group by 1 order by 1""", campaignId);
        CampaignReport.Batches batches = new CampaignReport.Batches(
                count("select count(*) from print_batch where campaign_id = ? and status = 'DELIVERED'", campaignId),
                count("select count(*) from print_batch where campaign_id = ? and status <> 'DELIVERED'",
                        campaignId));
        long fileCount = count("select count(*) from import_file where campaign_id = ?", campaignId);
        List<CampaignReport.ImportedFile> files = jdbc.query("""
                select * from (
                    select id, file_type, file_name, status, rows_read, rows_accepted, rows_rejected, message,
                           imported_at
                    from import_file where campaign_id = ? order by id desc limit ?) latest
                order by id""", (rs, i) -> new CampaignReport.ImportedFile(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
                rs.getLong(7), rs.getString(8), rs.getTimestamp(9).toInstant().toString()), campaignId,
                CampaignReport.FILES_LISTED);

        Map<String, Long> tasksByKind = new LinkedHashMap<>();
        tasksByKind.put("matchReview", engine.openTasks(campaignId, c.code(), ProcessModels.TASK_REVIEW_MATCH));
        tasksByKind.put("returnedLetter",
                engine.openTasks(campaignId, c.code(), ProcessModels.TASK_RESOLVE_RETURNED_LETTER));
        return new CampaignReport(c.id(), c.code(), c.name(), c.status().name(), participants, rejected, groups,
                letters, tasksByKind.values().stream().mapToLong(Long::longValue).sum(), tasksByKind, matching, journeys, returns, batches,
                new CampaignReport.EngineCommandBacklog(commands.pending(campaignId), commands.parked(campaignId)),
                fileCount, files, importProgress.inProgress(campaignId));
    }

    private long count(String sql, long campaignId) {
        Long v = jdbc.queryForObject(sql, Long.class, campaignId);
        return v == null ? 0 : v;
    }

    private Map<String, Long> countBy(String sql, long campaignId) {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            result.put(rs.getString(1), rs.getLong(2));
        }, campaignId);
        return result;
    }

    private static long n(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).longValue();
    }
}
