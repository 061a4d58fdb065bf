package dev.parceler.repository;

import dev.parceler.database.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The {@code rings} table: each repository's rollout rings, in order. Percentages of one
 * repository add up to 100 at most, so that a machine's bucket falls in one ring only.
 */
public final class RingStore {
    private final DataSource dataSource;

    public RingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The repository's rings, in order. */
    public List<Ring> all(String repository) {
        List<Ring> rings = new ArrayList<>();
        String sql = "SELECT name, position, delay, percent, machines FROM rings WHERE repository = ? ORDER BY position, name";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, repository);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Set<String> machines = Arrays.stream(rows.getString(5).split("\n")).filter(id -> !id.isEmpty())
                            .collect(Collectors.toSet());
                    rings.add(new Ring(rows.getString(1), rows.getInt(2), rows.getInt(3), rows.getInt(4), machines));
                }
            }
        } catch (SQLException e) {
            throw new RepositoryStorageException("Cannot read the rings of '" + repository + "'", e);
        }
        return rings;
    }

    public Optional<Ring> find(String repository, String name) {
        return all(repository).stream().filter(ring -> ring.name().equals(name)).findFirst();
    }

    /** Adds a ring at {@code position} (1-based; past the end: last), moving later rings down. */
    public Ring add(String repository, Ring ring, int position) {
        List<Ring> rings = new ArrayList<>(all(repository));
        if (rings.stream().anyMatch(other -> other.name().equals(ring.name()))) {
            throw new InvalidRepositoryException("Repository '" + repository + "' has a ring named '" + ring.name() + "' already.");
        }
        rings.add(Math.max(0, Math.min(position - 1, rings.size())), ring);
        write(repository, rings);
        return find(repository, ring.name()).orElseThrow();
    }

    /** Replaces a ring's settings, in its place; false when there is no such ring. */
    public boolean edit(String repository, Ring ring) {
        List<Ring> rings = new ArrayList<>(all(repository));
        for (int i = 0; i < rings.size(); i++) {
            if (rings.get(i).name().equals(ring.name())) {
                rings.set(i, ring);
                write(repository, rings);
                return true;
            }
        }
        return false;
    }

    /** False when there is no such ring. */
    public boolean remove(String repository, String name) {
        List<Ring> rings = new ArrayList<>(all(repository));
        if (!rings.removeIf(ring -> ring.name().equals(name))) {
            return false;
        }
        write(repository, rings);
        return true;
    }

    /** The whole list in one transaction, renumbered 1..n: checked first, so a refused change writes nothing. */
    private void write(String repository, List<Ring> rings) {
        int total = rings.stream().mapToInt(Ring::percent).sum();
        if (total > 100) {
            throw new InvalidRepositoryException("The rings of '" + repository + "' would hold " + total
                    + " % of the machines; together they may hold 100 % at most.");
        }
        try {
            Transaction.run(dataSource, connection -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM rings WHERE repository = ?");
                        PreparedStatement insert = connection.prepareStatement(
                                "INSERT INTO rings (repository, name, position, delay, percent, machines) VALUES (?, ?, ?, ?, ?, ?)")) {
                    delete.setString(1, repository);
                    delete.executeUpdate();
                    int position = 1;
                    for (Ring ring : rings) {
                        insert.setString(1, repository);
                        insert.setString(2, ring.name());
                        insert.setInt(3, position++);
                        insert.setInt(4, ring.delay());
                        insert.setInt(5, ring.percent());
                        insert.setString(6, String.join("\n", new java.util.TreeSet<>(ring.machines())));
                        insert.executeUpdate();
                    }
                }
                // Machines in rings are served by their ring's delay: servers choose again.
                ServingChanges.record(connection, repository);
                return null;
            });
        } catch (SQLException e) {
            throw new RepositoryStorageException("Cannot change the rings of '" + repository + "'", e);
        }
    }
}
