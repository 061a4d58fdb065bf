package dev.parceler.snapshot;

import dev.parceler.database.SortableTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code snapshot_pins} table: for each repository, machine (system id) and feed folder, the
 * snapshot the machine last fetched the folder's index from, and when. In the database, so that every app process
 * sees the pin whichever one served the index.
 */
public final class MachinePins {
    /** A machine's pin. */
    public record Pin(String snapshot, Instant pinnedAt) {
    }

    private final DataSource dataSource;

    public MachinePins(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Pins {@code systemId}'s {@code folder} to {@code snapshot} from {@code at}, replacing its earlier pin. */
    public void pin(String repository, String systemId, String folder, String snapshot, Instant at) {
        String sql = "INSERT INTO snapshot_pins (repository, system_id, folder, snapshot, pinned_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (repository, system_id, folder) DO UPDATE SET snapshot = excluded.snapshot, pinned_at = excluded.pinned_at";
        try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, repository);
            upsert.setString(2, systemId);
            upsert.setString(3, folder);
            upsert.setString(4, snapshot);
            upsert.setString(5, SortableTime.format(at));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot pin a machine of " + repository, e);
        }
    }

    /** The machine's pin of {@code folder}, if it has one. */
    public Optional<Pin> find(String repository, String systemId, String folder) {
        String sql = "SELECT snapshot, pinned_at FROM snapshot_pins WHERE repository = ? AND system_id = ? AND folder = ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, repository);
            select.setString(2, systemId);
            select.setString(3, folder);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Pin(row.getString(1), SortableTime.parse(row.getString(2)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read a machine's pin of " + repository, e);
        }
    }

    /** Snapshots that some machine was pinned to at or after {@code since}. */
    public Set<String> pinnedSince(String repository, Instant since) {
        Set<String> pinned = new HashSet<>();
        String sql = "SELECT DISTINCT snapshot FROM snapshot_pins WHERE repository = ? AND pinned_at >= ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, repository);
            select.setString(2, SortableTime.format(since));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    pinned.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the pins of " + repository, e);
        }
        return pinned;
    }

    /** Forgets pins made before {@code before}: they no longer hold anything. */
    public int forgetBefore(String repository, Instant before) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM snapshot_pins WHERE repository = ? AND pinned_at < ?")) {
            delete.setString(1, repository);
            delete.setString(2, SortableTime.format(before));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot forget old pins of " + repository, e);
        }
    }

    /** Forgets every repository's pins made before {@code before} (the scheduler's sweep); returns how many. */
    public int forgetAllBefore(Instant before) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM snapshot_pins WHERE pinned_at < ?")) {
            delete.setString(1, SortableTime.format(before));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot forget old pins", e);
        }
    }
}
