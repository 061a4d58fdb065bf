package dev.parceler.snapshot;

import dev.parceler.database.SortableTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code machine_sightings} table: per repository and machine, the ring and snapshot it last
 * fetched a feed index from, when, and whether the realm verified its system id. Written by {@code
 * serve} at most once a minute per machine; read by {@code repo:fleet}; pruned by the scheduler
 * ({@link #prune}): by age, and past a count per repository the least recently seen first, so
 * that invented ids cannot grow the table without bound.
 */
public final class MachineSightings {
    /** The ring name recorded for machines in no ring: they get the repository's own delay. */
    public static final String NO_RING = "";

    /** One machine's last sighting. */
    public record Sighting(String systemId, String ring, String snapshot, Instant seenAt, boolean verified) {
        public Sighting(String systemId, String ring, String snapshot, Instant seenAt) {
            this(systemId, ring, snapshot, seenAt, true);
        }
    }

    private final DataSource dataSource;

    public MachineSightings(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void seen(String repository, String systemId, String ring, String snapshot, Instant at) {
        seen(repository, systemId, ring, snapshot, at, true, systemId);
    }

    /**
     * @param identity the machine as the realm knows it: its system id where the realm's check
     *     vouched for it (enterprise, a credentials file), else a key of its secret
     * @param claimedId the system id the machine sent; shown for an unverified machine
     */
    public void seen(String repository, String identity, String ring, String snapshot, Instant at, boolean verified, String claimedId) {
        String sql = "INSERT INTO machine_sightings (repository, system_id, ring, snapshot, seen_at, verified, claimed_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (repository, system_id) DO UPDATE SET ring = excluded.ring, snapshot = excluded.snapshot,"
                + " seen_at = excluded.seen_at, verified = excluded.verified, claimed_id = excluded.claimed_id";
        String systemId = identity;
        try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, repository);
            upsert.setString(2, systemId);
            upsert.setString(3, ring);
            upsert.setString(4, snapshot);
            upsert.setString(5, SortableTime.format(at));
            upsert.setInt(6, verified ? 1 : 0);
            upsert.setString(7, verified ? null : claimedId);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record a machine of " + repository, e);
        }
    }

    /**
     * Every machine seen fetching the repository's indexes, the most recently seen first; an
     * unverified machine by the id it last sent.
     */
    public List<Sighting> all(String repository) {
        List<Sighting> sightings = new ArrayList<>();
        String sql = "SELECT CASE WHEN verified = 0 AND claimed_id IS NOT NULL THEN claimed_id ELSE system_id END, ring, snapshot,"
                + " seen_at, verified FROM machine_sightings WHERE repository = ?"
                + " ORDER BY seen_at DESC, system_id";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, repository);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sightings.add(new Sighting(rows.getString(1), rows.getString(2), rows.getString(3), SortableTime.parse(rows.getString(4)),
                            rows.getInt(5) != 0));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the machines of " + repository, e);
        }
        return sightings;
    }

    /**
     * Forgets sightings last seen before {@code before}, then, in each repository holding more than
     * {@code perRepository}, the least recently seen beyond that count. Returns how many went.
     */
    public int prune(Instant before, int perRepository) {
        int pruned = 0;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM machine_sightings WHERE seen_at < ?")) {
                delete.setString(1, SortableTime.format(before));
                pruned += delete.executeUpdate();
            }
            List<String> crowded = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT repository FROM machine_sightings GROUP BY repository HAVING COUNT(*) > ?")) {
                select.setInt(1, perRepository);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        crowded.add(rows.getString(1));
                    }
                }
            }
            for (String repository : crowded) {
                String oldestKept;
                try (PreparedStatement select = connection.prepareStatement("SELECT seen_at FROM machine_sightings WHERE repository = ?"
                        + " ORDER BY seen_at DESC LIMIT 1 OFFSET ?")) {
                    select.setString(1, repository);
                    select.setInt(2, perRepository - 1);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            continue;
                        }
                        oldestKept = row.getString(1);
                    }
                }
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM machine_sightings WHERE repository = ? AND seen_at < ?")) {
                    delete.setString(1, repository);
                    delete.setString(2, oldestKept);
                    pruned += delete.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prune the machines seen: " + e.getMessage(), e);
        }
        return pruned;
    }
}
