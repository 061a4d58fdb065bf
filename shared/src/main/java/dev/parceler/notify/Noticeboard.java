package dev.parceler.notify;

import dev.parceler.config.NotifySettings;
import dev.parceler.database.SortableTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code notices} table: each notice once per webhook, until it is delivered or given up.
 * Kept in the database, so a restarted scheduler neither sends a notice again nor forgets one.
 */
public final class Noticeboard {
    private final DataSource dataSource;

    public Noticeboard(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A notice waiting for one webhook. */
    record Queued(String key, int target, Notice notice, int attempts, Instant createdAt) {
    }

    /**
     * Queues {@code notice} for each webhook of {@code settings} that gets its kind; one already
     * queued (by its key) is left as it is.
     */
    public void post(Notice notice, NotifySettings settings, Instant now) {
        List<Integer> targets = settings.targets(notice.kind());
        if (!targets.isEmpty()) {
            queue(notice, targets, now);
        }
    }

    private void queue(Notice notice, List<Integer> targets, Instant now) {
        String sql = "INSERT INTO notices (notice_key, target, kind, repository, body, created_at, attempts, next_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (notice_key) DO NOTHING";
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int target : targets) {
                insert.setString(1, notice.key() + "#" + target);
                insert.setInt(2, target);
                insert.setString(3, notice.kind());
                insert.setString(4, notice.repository().orElse(null));
                insert.setString(5, notice.text());
                insert.setString(6, SortableTime.format(notice.at()));
                insert.setString(7, SortableTime.format(now));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot queue a notice: " + e.getMessage(), e);
        }
    }

    /** Notices due at {@code now}, oldest first, at most {@code limit}. */
    List<Queued> due(Instant now, int limit) {
        String sql = "SELECT notice_key, target, kind, repository, body, created_at, attempts FROM notices"
                + " WHERE done_at IS NULL AND next_at <= ? ORDER BY created_at, notice_key LIMIT ?";
        List<Queued> due = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, SortableTime.format(now));
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(1);
                    Instant created = SortableTime.parse(rows.getString(6));
                    Notice notice = new Notice(key.substring(0, key.lastIndexOf('#')), rows.getString(3),
                            Optional.ofNullable(rows.getString(4)), rows.getString(5), created);
                    due.add(new Queued(key, rows.getInt(2), notice, rows.getInt(7), created));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the notices due: " + e.getMessage(), e);
        }
        return due;
    }

    void delivered(String key, Instant now) {
        update("UPDATE notices SET done_at = ?, outcome = 'delivered', attempts = attempts + 1 WHERE notice_key = ?",
                SortableTime.format(now), key);
    }

    void retryAt(String key, Instant next, String error) {
        update("UPDATE notices SET next_at = ?, last_error = ?, attempts = attempts + 1 WHERE notice_key = ?",
                SortableTime.format(next), error, key);
    }

    void givenUp(String key, Instant now, String error) {
        update("UPDATE notices SET done_at = ?, outcome = 'given up', last_error = ?, attempts = attempts + 1 WHERE notice_key = ?",
                SortableTime.format(now), error, key);
    }

    /** Deletes notices done before {@code cutoff}; returns how many. */
    public int pruneBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM notices WHERE done_at IS NOT NULL AND done_at < ?")) {
            delete.setString(1, SortableTime.format(cutoff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prune notices: " + e.getMessage(), e);
        }
    }

    private void update(String sql, String first, String second) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, first);
            update.setString(2, second);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record a notice's delivery: " + e.getMessage(), e);
        }
    }

    private void update(String sql, String first, String second, String third) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, first);
            update.setString(2, second);
            update.setString(3, third);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record a notice's delivery: " + e.getMessage(), e);
        }
    }
}
