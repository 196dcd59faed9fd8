package org.breachnotify.intake;

/** Receives every data row of a file, in file order: either accepted or rejected, never both. */
public interface RowSink<T> {
    void accept(T row);

    void reject(Rejection rejection);
}
