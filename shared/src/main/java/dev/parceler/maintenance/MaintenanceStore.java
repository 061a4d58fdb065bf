package dev.parceler.maintenance;

import dev.parceler.digest.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Maintenance mode, in the database so that every process (and every machine sharing the
 * database) sees it: a row means down. The bypass secret is kept only as its sha256.
 */
public final class MaintenanceStore {
    private final DataSource dataSource;
    private final Clock clock;

    public MaintenanceStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Optional<MaintenanceState> current() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT down_since, retry_after, secret_hash FROM maintenance");
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            Integer retry = row.getObject("retry_after") == null ? null : row.getInt("retry_after");
            return Optional.of(new MaintenanceState(Instant.parse(row.getString("down_since")), Optional.ofNullable(retry),
                    Optional.ofNullable(row.getString("secret_hash"))));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the maintenance state: " + e.getMessage(), e);
        }
    }

    public boolean isDown() {
        return current().isPresent();
    }

    /** Puts the service down; false (and nothing changed) when it already was. */
    public boolean down(Optional<Integer> retryAfter, Optional<String> secret) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO maintenance (id, down_since, retry_after, secret_hash) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, clock.instant().toString());
            if (retryAfter.isPresent()) {
                insert.setInt(2, retryAfter.get());
            } else {
                insert.setNull(2, Types.INTEGER);
            }
            insert.setString(3, secret.map(MaintenanceStore::hash).orElse(null));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot enter maintenance: " + e.getMessage(), e);
        }
    }

    /** Brings the service back; false when it was not down. */
    public boolean up() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM maintenance")) {
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot leave maintenance: " + e.getMessage(), e);
        }
    }

    /** How a bypass secret is kept, and compared with a visited path. */
    public static String hash(String secret) {
        return Sha256.hex(secret);
    }
}
