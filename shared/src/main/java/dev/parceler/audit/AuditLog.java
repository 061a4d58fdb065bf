package dev.parceler.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code audit_events} table: what admins did to repositories from the console (sync now,
 * release, freeze, unfreeze), each with the reason they gave, their name and the time. The
 * repository page and {@code repo:runs} show it.
 */
public final class AuditLog {
    /** Fixed width, so that text order is time order in SQL. */
    /** A reason is a sentence or two, not a document. */
    public static final int MAX_REASON = 500;

    private final DataSource dataSource;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public AuditEvent record(String repository, String action, Optional<String> detail, String reason, String actor) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_events (repository, action, detail, reason, actor, at) VALUES (?, ?, ?, ?, ?, ?)",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, repository);
            insert.setString(2, action);
            insert.setString(3, detail.orElse(null));
            insert.setString(4, reason);
            insert.setString(5, actor);
            insert.setString(6, dev.parceler.database.SortableTime.format(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new AuditEvent(keys.getLong(1), repository, action, detail, reason, actor, now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the " + action + " of " + repository + ": " + e.getMessage(), e);
        }
    }

    /** Events of every repository recorded after the one of {@code id}, oldest first; at most {@code limit}. */
    public List<AuditEvent> after(long id, int limit) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM audit_events WHERE id > ? ORDER BY id LIMIT ?")) {
            select.setLong(1, id);
            select.setInt(2, limit);
            return events(select);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit: " + e.getMessage(), e);
        }
    }

    /** The newest events of a repository first. */
    public List<AuditEvent> recent(String repository, int limit) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM audit_events WHERE repository = ? ORDER BY at DESC, id DESC LIMIT ?")) {
            select.setString(1, repository);
            select.setInt(2, limit);
            return events(select);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit of " + repository + ": " + e.getMessage(), e);
        }
    }

    private static List<AuditEvent> events(PreparedStatement select) throws SQLException {
        List<AuditEvent> events = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                events.add(new AuditEvent(rows.getLong("id"), rows.getString("repository"), rows.getString("action"),
                        Optional.ofNullable(rows.getString("detail")), rows.getString("reason"), rows.getString("actor"),
                        Instant.parse(rows.getString("at"))));
            }
        }
        return events;
    }
}
