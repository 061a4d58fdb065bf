package dev.parceler.config;

/** {@code LOG_LEVEL}: how much the processes log. */
public enum LogLevel {
    DEBUG,
    INFO,
    WARN,
    ERROR
}
