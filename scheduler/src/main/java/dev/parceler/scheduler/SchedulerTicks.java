package dev.parceler.scheduler;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** The last cron tick the schedulers handled, shared by all of them through the database. */
final class SchedulerTicks {
    private static final String KEY = "scheduler.last_tick";

    private final DataSource dataSource;

    SchedulerTicks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<Instant> last() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT value FROM parceler_meta WHERE key = ?")) {
            select.setString(1, KEY);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(Instant.ofEpochSecond(Long.parseLong(row.getString(1)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the scheduler's last tick: " + e.getMessage(), e);
        }
    }

    /** Records {@code tick} unless a later one is recorded already (another scheduler got further). */
    void record(Instant tick) {
        String sql = "INSERT INTO parceler_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                + " WHERE CAST(parceler_meta.value AS INTEGER) < CAST(excluded.value AS INTEGER)";
        try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, KEY);
            upsert.setString(2, Long.toString(tick.getEpochSecond()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the scheduler's tick: " + e.getMessage(), e);
        }
    }
}
