package org.breachnotify.printhouse;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Tells the print house by mail that a batch is ready. Counts and ids only: no personal data in mail. */
@Component
public class PrintHouseNotifier {
    private static final Logger log = LoggerFactory.getLogger(PrintHouseNotifier.class);

    private final JavaMailSender mail;
    private final String to;
    private final String from;
    /** Batches already warned about, so a mail server that is down does not flood the log every round. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public PrintHouseNotifier(JavaMailSender mail, @Value("${breachnotify.printhouse.mail-to}") String to,
                              @Value("${breachnotify.printhouse.mail-from}") String from) {
        this.mail = mail;
        this.to = to;
        this.from = from;
    }

    public record BatchReady(String batchId, String campaign, int letters, int pages, int sheets, String location) {
    }

    /** Throws when the mail server refuses, so the batch stays "notifying" and the next round tries again. */
    public void batchReady(BatchReady batch) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject("Print batch " + batch.batchId() + " ready: " + batch.letters() + " letters");
        message.setText("""
                Print batch %s of campaign %s is ready for collection.

                Letters: %d
                Pages:   %d
                Sheets:  %d (duplex)
                Folder:  %s

                The folder holds the print file (PDF), the manifest (CSV), SHA-256 checksums and the job ticket (JSON).
                Please send the dispatch confirmation per letter (dispatch-confirmation.csv) once posted.
                """.formatted(batch.batchId(), batch.campaign(), batch.letters(), batch.pages(), batch.sheets(),
                batch.location()));
        try {
            mail.send(message);
            warned.remove(batch.batchId());
            log.info("Print house told that batch {} is ready", batch.batchId());
        } catch (MailException e) {
            if (warned.add(batch.batchId())) {
                log.warn("Could not mail the print house about batch {} (will retry every round; is the SMTP "
                        + "server at spring.mail.host/port up?): {}", batch.batchId(), e.getMessage());
            } else {
                log.debug("Mail about batch {} still failing: {}", batch.batchId(), e.getMessage());
            }
            throw e;
        }
    }
}
