package org.breachnotify.engine;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Where each relay worker's next scheduled loop starts: a keyset mark kept across loops, and every
 * {@code fullScanEvery} a loop from the beginning.
 *
 * <p>A claim walks the open-rows index from its mark, and the rows marked done since the last vacuum stay in that
 * index as dead entries. A loop that started from the beginning every poll (500 ms) walked all of them first: at
 * 941,000 people the "posted" stage spent 73.5 s in 5,662 claims, 13 ms each. Everything below a worker's mark was
 * done or not yet due when its last loop ended (a loop ends on a claim shorter than a chunk, which took every due row
 * past the mark), so starting there skips nothing due, except rows that become due behind it later: a retry after its
 * back-off, or a command whose transaction took an id below the mark and committed after the claim. The full scan
 * picks those up, at most {@code fullScanEvery} late.
 *
 * <p>Used by one thread per worker; not shared between workers.
 */
final class RelayMarks {
    private final long[] marks;
    private final long[] lastFullScan;
    private final long fullScanEveryNanos;
    private final LongSupplier nanoClock;

    /**
     * @param workers       the relay's worker count (marks are per worker)
     * @param fullScanEvery how often a worker's loop starts from the beginning
     * @param nanoClock     a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    RelayMarks(int workers, Duration fullScanEvery, LongSupplier nanoClock) {
        this.marks = new long[workers];
        this.lastFullScan = new long[workers];
        this.fullScanEveryNanos = fullScanEvery.toNanos();
        this.nanoClock = nanoClock;
        long now = nanoClock.getAsLong();
        for (int w = 0; w < workers; w++) {
            lastFullScan[w] = now - fullScanEveryNanos;   // the first loop scans from the beginning
        }
    }

    /** The id past which worker {@code worker}'s next loop claims: 0 when a full scan is due, else its mark. */
    long startOf(int worker) {
        long now = nanoClock.getAsLong();
        if (now - lastFullScan[worker] >= fullScanEveryNanos) {
            lastFullScan[worker] = now;
            return 0;
        }
        return marks[worker];
    }

    /**
     * Records where worker {@code worker}'s loop ended: the highest id it claimed. A full scan that only found rows
     * behind the mark leaves the mark where it was (every due row past it was claimed before).
     */
    void reached(int worker, long lastId) {
        marks[worker] = Math.max(marks[worker], lastId);
    }
}
