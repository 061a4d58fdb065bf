package dev.parceler.config;

import dev.parceler.failure.ExplainedFailure;

/** A setting is missing or malformed; the message names the variable and says what is expected. */
public final class SettingsException extends ExplainedFailure {
    public SettingsException(String message) {
        super(message);
    }
}
