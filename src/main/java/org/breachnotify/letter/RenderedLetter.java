package org.breachnotify.letter;

/**
 * One letter as its own PDF, its page count and the SHA-256 (lower-case hex) of what it shows: the same hash the
 * letter has in a print file and in the archive.
 */
public record RenderedLetter(byte[] pdf, int pages, String contentSha256) {
}
