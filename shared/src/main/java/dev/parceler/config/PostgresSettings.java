package dev.parceler.config;

import java.util.Optional;

/**
 * Where the PostgreSQL server is and whom to connect as, from {@code DB_HOST}, {@code DB_PORT},
 * {@code DB_DATABASE}, {@code DB_USERNAME}, {@code DB_PASSWORD} or {@code DB_URL}. The password is
 * kept out of {@link #toString()} and of {@link #jdbcUrl()} (it goes to the driver as a property).
 * {@code options} is the query string of {@code DB_URL} (such as {@code sslmode=require}) without
 * the credentials, empty when there is none.
 */
public record PostgresSettings(String host, int port, String database, String username, Optional<String> password,
        String options) {

    public String jdbcUrl() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + database + (options.isEmpty() ? "" : "?" + options);
    }

    /** How messages name the database: no password. */
    public String describe() {
        return "postgresql://" + username + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + describe() + (options.isEmpty() ? "" : "?" + options)
                + ", password=" + (password.isPresent() ? "(set)" : "(none)") + "]";
    }
}
