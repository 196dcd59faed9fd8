package org.breachnotify.printhouse;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.breachnotify.engine.EngineCommandKind;
import org.breachnotify.engine.EngineCommands;
import org.breachnotify.intake.ApplyingSink;
import org.breachnotify.intake.CsvReaders;
import org.breachnotify.intake.DispatchRow;
import org.breachnotify.intake.DispatchStatus;
import org.breachnotify.intake.FileImporter;
import org.breachnotify.intake.FileRefusedException;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.LetterOrderSink;
import org.breachnotify.intake.ReadCounts;
import org.breachnotify.intake.Rejection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies the print house's per-letter report: POSTED moves the journey on, FAILED puts the letter back in the
 * queue for a later batch. A letter is confirmed once; a repeat or an unknown id is rejected with its line.
 */
@Component
class DispatchConfirmationImporter implements FileImporter {
    private final JdbcTemplate jdbc;
    private final EngineCommands commands;

    DispatchConfirmationImporter(JdbcTemplate jdbc, EngineCommands commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @Override
    public FileType type() {
        return FileType.DISPATCH_CONFIRMATION;
    }

    @Override
    public ReadCounts importRows(ImportContext ctx, InputStream in) throws IOException, FileRefusedException {
        ApplyingSink<DispatchRow> applying = new ApplyingSink<>(ctx.rejections(), row -> apply(ctx, row)
                .map(reason -> new Rejection(row.line(), row.letterId(), reason)));
        // in letter-id order, as the relay locks letters: no deadlock between them (LetterOrderSink)
        LetterOrderSink<DispatchRow> sink = new LetterOrderSink<>(applying, DispatchRow::letterId);
        return sink.applyAndCount(CsvReaders.readDispatchConfirmations(ctx.fileName(), in, sink));
    }

    /** Answers the reason when the row cannot be applied. */
    private Optional<String> apply(ImportContext ctx, DispatchRow row) {
        List<Map<String, Object>> changed;
        if (row.status() == DispatchStatus.POSTED) {
            changed = jdbc.queryForList("""
                    update letter set status = 'POSTED', posted_date = ?
                    where id = ? and campaign_id = ? and status = 'EXPORTED' returning person_id""",
                    Date.valueOf(row.date()), row.letterId(), ctx.campaignId());
            changed.forEach(r -> {
                long personId = ((Number) r.get("person_id")).longValue();
                jdbc.update("update person set stage = 'POSTED' where id = ?", personId);
                commands.enqueue(EngineCommandKind.LETTER_POSTED, ctx.campaignId(), personId, row.letterId(), null);
            });
        } else {
            changed = jdbc.queryForList("""
                    update letter set status = 'READY', batch_id = null
                    where id = ? and campaign_id = ? and status = 'EXPORTED' returning person_id""",
                    row.letterId(), ctx.campaignId());
        }
        if (!changed.isEmpty()) {
            return Optional.empty();
        }
        List<String> status = jdbc.queryForList("select status from letter where id = ? and campaign_id = ?",
                String.class, row.letterId(), ctx.campaignId());
        if (status.isEmpty()) {
            return Optional.of("unknown letter id " + row.letterId() + " (not a letter of this campaign)");
        }
        return Optional.of(switch (status.get(0)) {
            case "POSTED", "RETURNED" -> "letter " + row.letterId() + " was already confirmed as posted";
            default -> "letter " + row.letterId() + " is not with the print house (status " + status.get(0) + ")";
        });
    }
}
