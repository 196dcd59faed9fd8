package org.breachnotify.security;

/** Start-up refused because the configuration would leave a door open; the message says what to set. */
public class InsecureConfigurationException extends RuntimeException {
    private final String action;

    public InsecureConfigurationException(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
