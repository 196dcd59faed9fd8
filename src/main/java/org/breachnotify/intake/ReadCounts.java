package org.breachnotify.intake;

/** The result of reading one file; blank lines are not rows, so they are not counted. */
public record ReadCounts(long read, long accepted, long rejected) {
    public ReadCounts {
        if (read != accepted + rejected) {
            throw new IllegalArgumentException("read must equal accepted + rejected");
        }
    }
}
