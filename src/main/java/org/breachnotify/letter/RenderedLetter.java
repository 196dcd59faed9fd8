package org.breachnotify.letter;

/** A finished letter: the PDF bytes, its page count and the SHA-256 of the bytes (lower-case hex). */
public record RenderedLetter(byte[] pdf, int pages, String sha256Hex) {
}
