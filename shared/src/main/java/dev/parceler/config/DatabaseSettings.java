package dev.parceler.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The database every process shares: a SQLite file ({@code file}), or a PostgreSQL server
 * ({@code postgres}); exactly one of the two is present, as {@code kind} says.
 */
public record DatabaseSettings(DatabaseKind kind, Optional<Path> file, Optional<PostgresSettings> postgres) {
    public static DatabaseSettings sqlite(Path file) {
        return new DatabaseSettings(DatabaseKind.SQLITE, Optional.of(file), Optional.empty());
    }

    public static DatabaseSettings postgres(PostgresSettings server) {
        return new DatabaseSettings(DatabaseKind.PGSQL, Optional.empty(), Optional.of(server));
    }

    /** How messages name the database: the file, or the server and database without the password. */
    public String describe() {
        return file.map(Path::toString).orElseGet(() -> postgres.orElseThrow().describe());
    }

    @Override
    public String toString() {
        return describe();
    }
}
