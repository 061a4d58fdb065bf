package dev.parceler.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code parceler_meta} table: small named values shared by every process. */
public final class MetaValues {
    private final DataSource dataSource;

    public MetaValues(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<String> get(String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT value FROM parceler_meta WHERE key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    public void put(String key, String value) {
        update("INSERT INTO parceler_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                key, value);
    }

    /** Stores {@code value} unless the key has one; returns the value the key holds afterwards. */
    public String putIfAbsent(String key, String value) {
        update("INSERT INTO parceler_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", key, value);
        return get(key).orElseThrow();
    }

    /**
     * Stores a number unless a larger one (or the same) is stored already: several writers only move
     * it forward. True when this call moved it, so exactly one of writers racing to one value wins.
     */
    public boolean putIfLarger(String key, long value) {
        return 1 == update("INSERT INTO parceler_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                + " WHERE CAST(parceler_meta.value AS BIGINT) < CAST(excluded.value AS BIGINT)", key, Long.toString(value));
    }

    /** Adds one to a counter (0 when absent), atomically across processes. */
    public void increment(String key) {
        update("INSERT INTO parceler_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value ="
                + " CAST(CAST(parceler_meta.value AS BIGINT) + 1 AS TEXT)", key, "1");
    }

    private int update(String sql, String key, String value) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            statement.setString(2, value);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record " + key + ": " + e.getMessage(), e);
        }
    }
}
