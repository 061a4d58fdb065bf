package dev.parceler.repository;

import dev.parceler.database.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code repositories} table. Each change is one statement, so it holds the write lock only
 * for that statement; conditional updates make freeze and unfreeze safe against a concurrent
 * operator without reading first.
 */
public final class RepositoryStore {
    /** Laravel's timestamp format, in UTC, so rows written by either application read the same. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** {@code freeze} is quoted in every statement: it is a reserved word in PostgreSQL (SQLite takes it either way). */
    private static final String COLUMNS =
            "id, name, command, sub_dir, delay, \"freeze\", compare_content, feed_check, delay_policy, freeze_rollback, released, halted_at, fast_lane_path, fast_lane_snapshot, created_at, updated_at";

    private final DataSource dataSource;
    private final Clock clock;

    public RepositoryStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Repository create(NewRepository draft) {
        String now = timestamp(clock.instant());
        String sql = "INSERT INTO repositories (name, command, sub_dir, delay, compare_content, feed_check, delay_policy, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, draft.name());
            insert.setString(2, draft.command());
            insert.setString(3, draft.subDir().orElse(null));
            insert.setInt(4, draft.delay());
            insert.setInt(5, draft.compareContent() ? 1 : 0);
            insert.setInt(6, draft.feedCheck() ? 1 : 0);
            insert.setString(7, draft.policy().label());
            insert.setString(8, now);
            insert.setString(9, now);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (dev.parceler.database.SqlFailures.isUniqueViolation(e)) {
                throw new InvalidRepositoryException("A repository named '" + draft.name() + "' already exists.");
            }
            throw new RepositoryStorageException("Cannot create repository '" + draft.name() + "'", e);
        }
        return find(draft.name()).orElseThrow(() -> new RepositoryNotFoundException(draft.name()));
    }

    public Optional<Repository> find(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM repositories WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RepositoryStorageException("Cannot read repository '" + name + "'", e);
        }
    }

    public Repository get(String name) {
        return find(name).orElseThrow(() -> new RepositoryNotFoundException(name));
    }

    public List<Repository> all() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM repositories ORDER BY name");
                ResultSet rows = select.executeQuery()) {
            List<Repository> repositories = new ArrayList<>();
            while (rows.next()) {
                repositories.add(read(rows));
            }
            return repositories;
        } catch (SQLException e) {
            throw new RepositoryStorageException("Cannot list repositories", e);
        }
    }

    /** Replaces the settings of an existing repository; false when it is gone. */
    public boolean edit(String name, RepositorySettings settings) {
        String sql = "UPDATE repositories SET command = ?, sub_dir = ?, delay = ?, compare_content = ?, feed_check = ?, delay_policy = ?,"
                + " updated_at = ? WHERE name = ?";
        try {
            return Transaction.run(dataSource, connection -> {
                try (PreparedStatement update = connection.prepareStatement(sql)) {
                    update.setString(1, settings.command());
                    update.setString(2, settings.subDir().orElse(null));
                    update.setInt(3, settings.delay());
                    update.setInt(4, settings.compareContent() ? 1 : 0);
                    update.setInt(5, settings.feedCheck() ? 1 : 0);
                    update.setString(6, settings.policy().label());
                    update.setString(7, timestamp(clock.instant()));
                    update.setString(8, name);
                    return changed(connection, name, update.executeUpdate() == 1);
                }
            });
        } catch (SQLException e) {
            throw new RepositoryStorageException("Cannot change repository '" + name + "'", e);
        }
    }

    /**
     * Deletes the repository's row, its run history, the snapshots it served, its machines' pins
     * and sightings, its rings and its trusted keys in one transaction (a repository created again under the name starts afresh); false when it
     * was gone already.
     */
    /** The tables whose rows belong to one repository, by its name: deleted with it. */
    private static final List<String> BELONGING = List.of("job_runs", "served_snapshots", "snapshot_pins", "rings",
            "machine_sightings", "trusted_keys");

    public boolean delete(String name) {
        try {
            return Transaction.run(dataSource, connection -> {
                for (String table : BELONGING) {
                    try (PreparedStatement belonging = connection.prepareStatement("DELETE FROM " + table + " WHERE repository = ?")) {
                        belonging.setString(1, name);
                        belonging.executeUpdate();
                    }
                }
                try (PreparedStatement row = connection.prepareStatement("DELETE FROM repositories WHERE name = ?")) {
                    row.setString(1, name);
                    return changed(connection, name, row.executeUpdate() == 1);
                }
            });
        } catch (SQLException e) {
            throw new RepositoryStorageException("Cannot delete repository '" + name + "'", e);
        }
    }

    /** Sets the freeze folder unless one is set already; false when it was (or the repository is gone). */
    public boolean freeze(String name, String folder) {
        return update(name, "UPDATE repositories SET \"freeze\" = ?, updated_at = ? WHERE name = ? AND \"freeze\" IS NULL",
                folder, timestamp(clock.instant()), name);
    }

    /**
     * Freezes on {@code folder} as a rollback, replacing any freeze: a rollback is what an operator
     * does when the served snapshot (frozen or not) is bad. False when the repository is gone.
     */
    public boolean rollBack(String name, String folder) {
        return update(name, "UPDATE repositories SET \"freeze\" = ?, freeze_rollback = 1, updated_at = ? WHERE name = ?",
                folder, timestamp(clock.instant()), name);
    }

    /**
     * Records that a release published {@code snapshot}: from now on the delay chooses among it and
     * later snapshots only. False when the repository is gone.
     */
    public boolean released(String name, String snapshot) {
        // A release is served at once: it also ends a halt of the rollout, and makes a fast lane pointless.
        return update(name, "UPDATE repositories SET released = ?, halted_at = NULL, fast_lane_path = NULL, fast_lane_snapshot = NULL,"
                + " updated_at = ? WHERE name = ?",
                snapshot, timestamp(clock.instant()), name);
    }

    /** Opens a fast lane, replacing any; false when the repository is gone. */
    public boolean openFastLane(String name, FastLane lane) {
        return update(name, "UPDATE repositories SET fast_lane_path = ?, fast_lane_snapshot = ?, updated_at = ? WHERE name = ?",
                lane.path(), lane.snapshot(), timestamp(clock.instant()), name);
    }

    /** Closes the fast lane; false when there was none (or the repository is gone). */
    public boolean closeFastLane(String name) {
        return update(name, "UPDATE repositories SET fast_lane_path = NULL, fast_lane_snapshot = NULL, updated_at = ? WHERE name = ?"
                + " AND fast_lane_path IS NOT NULL", timestamp(clock.instant()), name);
    }

    /** Halts the rollout now unless it is halted already; false when it was (or the repository is gone). */
    public boolean halt(String name) {
        return update(name, "UPDATE repositories SET halted_at = ?, updated_at = ? WHERE name = ? AND halted_at IS NULL",
                clock.instant().toString(), timestamp(clock.instant()), name);
    }

    /** Ends a halt; false when there was none (or the repository is gone). */
    public boolean resume(String name) {
        return update(name, "UPDATE repositories SET halted_at = NULL, updated_at = ? WHERE name = ? AND halted_at IS NOT NULL",
                timestamp(clock.instant()), name);
    }

    /** Clears the freeze folder (and its rollback mark); false when there was none (or the repository is gone). */
    public boolean unfreeze(String name) {
        return update(name, "UPDATE repositories SET \"freeze\" = NULL, freeze_rollback = 0, updated_at = ? WHERE name = ? AND \"freeze\" IS NOT NULL",
                timestamp(clock.instant()), name);
    }

    /** One update of the repository {@code name}'s row, with its serving change, in one transaction. */
    private boolean update(String name, String sql, String... parameters) {
        try {
            return Transaction.run(dataSource, connection -> {
                try (PreparedStatement update = connection.prepareStatement(sql)) {
                    for (int i = 0; i < parameters.length; i++) {
                        update.setString(i + 1, parameters[i]);
                    }
                    return changed(connection, name, update.executeUpdate() == 1);
                }
            });
        } catch (SQLException e) {
            throw new RepositoryStorageException("Cannot update repository '" + name + "'", e);
        }
    }

    /** Moves the repository's serving counter when a write did change its row; returns {@code changed}. */
    private static boolean changed(Connection connection, String name, boolean changed) throws SQLException {
        if (changed) {
            ServingChanges.record(connection, name);
        }
        return changed;
    }

    private static Repository read(ResultSet row) throws SQLException {
        Optional<String> lanePath = Optional.ofNullable(row.getString("fast_lane_path"));
        String laneSnapshot = java.util.Objects.requireNonNullElse(row.getString("fast_lane_snapshot"), "");
        return new Repository(
                row.getLong("id"),
                row.getString("name"),
                row.getString("command"),
                Optional.ofNullable(row.getString("sub_dir")).filter(folder -> !folder.isEmpty()),
                row.getInt("delay"),
                Optional.ofNullable(row.getString("freeze")).filter(folder -> !folder.isEmpty()),
                row.getInt("compare_content") != 0,
                row.getInt("feed_check") != 0,
                DelayPolicy.ofLabel(row.getString("delay_policy")),
                row.getInt("freeze_rollback") != 0,
                Optional.ofNullable(row.getString("released")).filter(folder -> !folder.isEmpty()),
                Optional.ofNullable(row.getString("halted_at")).map(Instant::parse),
                lanePath.map(path -> new FastLane(path, laneSnapshot)),
                instant(row.getString("created_at")),
                instant(row.getString("updated_at")));
    }

    private static String timestamp(Instant instant) {
        return TIMESTAMP.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static Instant instant(String timestamp) {
        return timestamp == null ? Instant.EPOCH : LocalDateTime.parse(timestamp, TIMESTAMP).toInstant(ZoneOffset.UTC);
    }
}
