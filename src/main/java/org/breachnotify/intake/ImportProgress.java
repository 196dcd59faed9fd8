package org.breachnotify.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How far the imports running on this node are, by bytes read: logged every tenth of a large file and shown in
 * the campaign report while the file's transaction is still open (and its rows not yet visible).
 */
@Component
public class ImportProgress {
    private static final Logger log = LoggerFactory.getLogger(ImportProgress.class);
    private static final long LOG_FROM_BYTES = 10L << 20;

    private final Map<Long, Running> running = new ConcurrentHashMap<>();

    public record Snapshot(long campaignId, String fileName, FileType type, long bytesRead, long bytesTotal,
                           int percent) {
    }

    public List<Snapshot> inProgress(long campaignId) {
        return running.values().stream().filter(r -> r.campaignId == campaignId).map(Running::snapshot)
                .sorted(Comparator.comparing(Snapshot::fileName)).toList();
    }

    /** Wraps the file's stream so that every byte read counts; close the stream to end the entry. */
    InputStream track(long importFileId, long campaignId, String fileName, FileType type, long size,
                      InputStream in) {
        Running entry = new Running(campaignId, fileName, type, size);
        running.put(importFileId, entry);
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    entry.advance(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    entry.advance(n);
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                running.remove(importFileId);
                super.close();
            }
        };
    }

    private static final class Running {
        final long campaignId;
        final String fileName;
        final FileType type;
        final long total;
        final AtomicLong read = new AtomicLong();
        volatile int loggedTenths;

        Running(long campaignId, String fileName, FileType type, long total) {
            this.campaignId = campaignId;
            this.fileName = fileName;
            this.type = type;
            this.total = total;
        }

        void advance(int n) {
            long now = read.addAndGet(n);
            if (total >= LOG_FROM_BYTES) {
                int tenths = (int) (now * 10 / total);
                if (tenths > loggedTenths && tenths < 10) {
                    loggedTenths = tenths;
                    log.info("Importing {} ({}): {}% read", fileName, type, tenths * 10);
                }
            }
        }

        Snapshot snapshot() {
            long now = read.get();
            return new Snapshot(campaignId, fileName, type, now, total,
                    total == 0 ? 100 : (int) Math.min(100, now * 100 / total));
        }
    }
}
