package dev.parceler.snapshot;

import dev.parceler.database.SortableTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code served_snapshots} table: which snapshots each repository has served, and when it
 * was last seen serving each. Recorded by cleanup (after every sync, before anything is deleted)
 * and by {@code repo:rollback}; cleanup keeps the last few as a way back.
 */
public final class ServedHistory {
    private final DataSource dataSource;
    private final Clock clock;

    public ServedHistory(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Notes that {@code snapshot} is served now. */
    public void record(String repository, String snapshot) {
        String now = SortableTime.format(clock.instant());
        String sql = "INSERT INTO served_snapshots (repository, snapshot, first_served_at, last_served_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (repository, snapshot) DO UPDATE SET last_served_at = excluded.last_served_at";
        try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, repository);
            upsert.setString(2, snapshot);
            upsert.setString(3, now);
            upsert.setString(4, now);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the snapshot " + repository + " serves", e);
        }
    }

    /** Snapshots served, the most recently served first, among those that still exist. */
    public List<String> served(String repository, Collection<String> existing) {
        Set<String> present = new HashSet<>(existing);
        List<String> served = new ArrayList<>();
        String sql = "SELECT snapshot FROM served_snapshots WHERE repository = ? ORDER BY last_served_at DESC, first_served_at DESC";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, repository);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (present.contains(rows.getString(1))) {
                        served.add(rows.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the snapshots " + repository + " served", e);
        }
        return served;
    }

    /** A snapshot and when it was last seen served. */
    public record Served(String snapshot, java.time.Instant lastServedAt) {
    }

    /**
     * Snapshots last served at or after {@code since}, the most recently served first: the ones a
     * machine may still be in the middle of an update from.
     */
    public List<Served> servedSince(String repository, java.time.Instant since) {
        List<Served> served = new ArrayList<>();
        String sql = "SELECT snapshot, last_served_at FROM served_snapshots WHERE repository = ? AND last_served_at >= ?"
                + " ORDER BY last_served_at DESC, first_served_at DESC";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, repository);
            select.setString(2, SortableTime.format(since));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    served.add(new Served(rows.getString(1), SortableTime.parse(rows.getString(2))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the snapshots " + repository + " served", e);
        }
        return served;
    }

    /** Forgets snapshots that are gone from the disk. */
    public void forget(String repository, Collection<String> deleted) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM served_snapshots WHERE repository = ? AND snapshot = ?")) {
            for (String snapshot : deleted) {
                delete.setString(1, repository);
                delete.setString(2, snapshot);
                delete.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot forget deleted snapshots of " + repository, e);
        }
    }
}
