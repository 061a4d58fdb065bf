package dev.parceler.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code LOG_LEVEL} once the settings are read ({@link StandardErrorLogConfigurator} starts every process at info). */
public final class Logging {
    private Logging() {
    }

    public static void apply(LogLevel level) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.toLevel(level.name(), Level.INFO));
        }
    }
}
