package dev.parceler.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code process_heartbeats} table: each long-running process writes its row every few
 * seconds; any process reads them. A row is keyed by kind and host, so a restarted process takes
 * its predecessor's row over and a container (whose host name is its own) checks only itself.
 */
public final class Heartbeats {
    /** Rows of hosts gone for this long (containers recreated) are deleted by the next beat. */
    static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

    private final DataSource dataSource;
    private final Clock clock;

    public Heartbeats(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The name of this machine, or of this container: the kernel's host name. */
    public static String thisHost() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException unknown) {
                return "localhost";
            }
        }
    }

    public void beat(ProcessKind kind, String host, Instant startedAt, Optional<Instant> busySince, Optional<Instant> dueAt) {
        long now = clock.millis();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO process_heartbeats (kind, host, pid, started_at, beat_at, busy_since, due_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(kind, host) DO UPDATE SET pid = excluded.pid, started_at = excluded.started_at,
                            beat_at = excluded.beat_at, busy_since = excluded.busy_since, due_at = excluded.due_at""");
                PreparedStatement forget = connection.prepareStatement("DELETE FROM process_heartbeats WHERE beat_at < ?")) {
            upsert.setString(1, kind.label());
            upsert.setString(2, host);
            upsert.setLong(3, ProcessHandle.current().pid());
            upsert.setLong(4, startedAt.toEpochMilli());
            upsert.setLong(5, now);
            upsert.setObject(6, busySince.map(Instant::toEpochMilli).orElse(null));
            upsert.setObject(7, dueAt.map(Instant::toEpochMilli).orElse(null));
            upsert.executeUpdate();
            forget.setLong(1, now - FORGOTTEN_AFTER.toMillis());
            forget.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the heartbeat of the " + kind.label() + ": " + e.getMessage(), e);
        }
    }

    public List<Heartbeat> all() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT kind, host, pid, started_at, beat_at, busy_since, due_at FROM process_heartbeats ORDER BY kind, host");
                ResultSet rows = select.executeQuery()) {
            List<Heartbeat> beats = new ArrayList<>();
            while (rows.next()) {
                beats.add(new Heartbeat(ProcessKind.valueOf(rows.getString(1).toUpperCase(java.util.Locale.ROOT)), rows.getString(2),
                        rows.getLong(3), Instant.ofEpochMilli(rows.getLong(4)), Instant.ofEpochMilli(rows.getLong(5)),
                        instant(rows, 6), instant(rows, 7)));
            }
            return beats;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the heartbeats: " + e.getMessage(), e);
        }
    }

    public List<Heartbeat> onHost(String host) {
        return all().stream().filter(beat -> beat.host().equals(host)).toList();
    }

    /** The most recent beat of a kind on any host. */
    public Optional<Heartbeat> latest(ProcessKind kind) {
        return all().stream().filter(beat -> beat.kind() == kind)
                .max(java.util.Comparator.comparing(Heartbeat::beatAt));
    }

    private static Optional<Instant> instant(ResultSet rows, int column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
