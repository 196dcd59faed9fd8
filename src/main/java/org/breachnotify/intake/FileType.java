package org.breachnotify.intake;

import java.util.Locale;
import java.util.Optional;

/** The five CSV exchange formats of FORMATS.md, recognised by the start of their file name. */
public enum FileType {
    PARTICIPANTS("participants"),
    LEAKED_RECORDS("leaked-records"),
    DISPATCH_CONFIRMATION("dispatch-confirmation"),
    RETURN_MAIL("return-mail"),
    ADDRESS_UPDATES("address-updates");

    private final String prefix;

    FileType(String prefix) {
        this.prefix = prefix;
    }

    /**
     * From a file name: participants*.csv, leaked-records*.csv, dispatch-confirmation*.csv, return-mail*.csv,
     * address-updates*.csv (case-insensitive). A leading directory path is ignored.
     */
    public static Optional<FileType> fromFileName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .toLowerCase(Locale.ROOT);
        if (!base.endsWith(".csv")) {
            return Optional.empty();
        }
        for (FileType type : values()) {
            if (base.startsWith(type.prefix)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
