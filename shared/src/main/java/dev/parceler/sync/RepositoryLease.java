package dev.parceler.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One holder per repository across every worker process: a row that expires unless renewed.
 * The holder is the job's id, so a job re-run after its worker died takes its own lease back at
 * once, while any other job waits until it expires or is released.
 */
public final class RepositoryLease {
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration ttl;

    public RepositoryLease(DataSource dataSource, Clock clock, Duration ttl) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    public boolean acquire(String repository, String holder) {
        long now = clock.millis();
        return update("""
                INSERT INTO repository_leases (repository, holder, expires_at) VALUES (?, ?, ?)
                ON CONFLICT(repository) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE repository_leases.expires_at < ? OR repository_leases.holder = excluded.holder""",
                repository, holder, now + ttl.toMillis(), now);
    }

    public boolean renew(String repository, String holder) {
        return update("UPDATE repository_leases SET expires_at = ? WHERE repository = ? AND holder = ?",
                clock.millis() + ttl.toMillis(), repository, holder);
    }

    public void release(String repository, String holder) {
        update("DELETE FROM repository_leases WHERE repository = ? AND holder = ?", repository, holder);
    }

    private boolean update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update the lease of " + parameters[0] + ": " + e.getMessage(), e);
        }
    }
}
