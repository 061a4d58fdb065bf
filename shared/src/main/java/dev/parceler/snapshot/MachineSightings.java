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
 * fetched a feed index from, and when. Written by {@code serve} at most once a minute per machine;
 * read by {@code repo:fleet}.
 */
public final class MachineSightings {
    /** The ring name recorded for machines in no ring: they get the repository's own delay. */
    public static final String NO_RING = "";

    /** One machine's last sighting. */
    public record Sighting(String systemId, String ring, String snapshot, Instant seenAt) {
    }

    private final DataSource dataSource;

    public MachineSightings(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void seen(String repository, String systemId, String ring, String snapshot, Instant at) {
        String sql = "INSERT INTO machine_sightings (repository, system_id, ring, snapshot, seen_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (repository, system_id) DO UPDATE SET ring = excluded.ring, snapshot = excluded.snapshot,"
                + " seen_at = excluded.seen_at";
        try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, repository);
            upsert.setString(2, systemId);
            upsert.setString(3, ring);
            upsert.setString(4, snapshot);
            upsert.setString(5, SortableTime.format(at));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record a machine of " + repository, e);
        }
    }

    /** Every machine seen fetching the repository's indexes, the most recently seen first. */
    public List<Sighting> all(String repository) {
        List<Sighting> sightings = new ArrayList<>();
        String sql = "SELECT system_id, ring, snapshot, seen_at FROM machine_sightings WHERE repository = ? ORDER BY seen_at DESC, system_id";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, repository);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sightings.add(new Sighting(rows.getString(1), rows.getString(2), rows.getString(3), SortableTime.parse(rows.getString(4))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the machines of " + repository, e);
        }
        return sightings;
    }
}
