package dev.parceler.config;

/** Which database every process shares, from {@code DB_CONNECTION} (the Laravel application's names). */
public enum DatabaseKind {
    SQLITE,
    PGSQL
}
