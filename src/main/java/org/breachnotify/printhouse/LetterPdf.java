package org.breachnotify.printhouse;

/** One rendered letter on its way into a print file. */
public record LetterPdf(String letterId, byte[] pdf) {
}
