package org.breachnotify.letter;

/**
 * Where a letter is ({@code letter.status}). A letter is made {@link #READY}; a print batch takes it
 * ({@link #EXPORTED}); the print house confirms it {@link #POSTED} or reports it failed (back to {@link #READY}); it
 * may come back {@link #RETURNED}. Only {@link LetterService} (making) and {@link LetterStatuses} (every change after)
 * write it; the database refuses any other value (Flyway V14).
 */
public enum LetterStatus {
    READY, EXPORTED, POSTED, RETURNED
}
