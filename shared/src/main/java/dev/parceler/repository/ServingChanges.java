package dev.parceler.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The counter per repository (a {@code parceler_meta} row) that moves whenever what it serves may
 * change: its snapshots (written or deleted), a freeze, a release, a rollback, a halt, a fast lane,
 * its rings, its settings. App processes' caches of the served snapshot look again when it moves.
 * The stores move it on the connection of the write itself, in the same transaction, so no
 * caller can forget it and no process sees the write without the move.
 */
public final class ServingChanges {
    private ServingChanges() {
    }

    /** The counter's key in {@code parceler_meta}. */
    public static String key(String repository) {
        return "snapshots.changed." + repository;
    }

    /** Adds one to the repository's counter on {@code connection} (0 when absent), atomically across processes. */
    public static void record(Connection connection, String repository) throws SQLException {
        try (PreparedStatement increment = connection.prepareStatement("INSERT INTO parceler_meta (key, value) VALUES (?, '1')"
                + " ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(parceler_meta.value AS BIGINT) + 1 AS TEXT)")) {
            increment.setString(1, key(repository));
            increment.executeUpdate();
        }
    }
}
