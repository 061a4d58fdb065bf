package dev.parceler.netifyd;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code netifyd_cache} table: what Netify last answered for each licence and catalogue, and
 * which process is asking it now. Every app process reads and writes the same rows, so a
 * licence fetched by one is served by all, and a claim keeps the others from asking at the same
 * time. Each method is one statement, which the database runs atomically, and no transaction holds
 * a lock while Netify is asked.
 */
final class NetifydCache {
    private final DataSource dataSource;

    NetifydCache(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An entry without its body. {@code storedAt} is 0 while no body was ever stored. */
    record Entry(long storedAt, Instant freshUntil, Instant validUntil, Instant retryAt, Optional<String> failure,
            Instant claimedUntil) {
        boolean hasBody() {
            return storedAt > 0;
        }
    }

    /** A stored body and when it was stored. */
    record Stored(long storedAt, byte[] json) {
    }

    Optional<Entry> find(String name) {
        String sql = "SELECT stored_at, fresh_until, valid_until, retry_at, failure, claimed_until FROM netifyd_cache WHERE name = ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(row.getLong(1), Instant.ofEpochMilli(row.getLong(2)), Instant.ofEpochMilli(row.getLong(3)),
                        Instant.ofEpochMilli(row.getLong(4)), Optional.ofNullable(row.getString(5)), Instant.ofEpochMilli(row.getLong(6))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the netifyd cache: " + e.getMessage(), e);
        }
    }

    Optional<Stored> body(String name) {
        String sql = "SELECT stored_at, body FROM netifyd_cache WHERE name = ? AND body IS NOT NULL";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Stored(row.getLong(1), row.getString(2).getBytes(StandardCharsets.UTF_8)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the netifyd cache: " + e.getMessage(), e);
        }
    }

    /** Claims the entry for {@code owner} until {@code until}, unless another claim runs at {@code now}. */
    boolean claim(String name, String owner, Instant until, Instant now) {
        return update("""
                INSERT INTO netifyd_cache (name, claimed_by, claimed_until) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
                WHERE netifyd_cache.claimed_until <= ? OR netifyd_cache.claimed_by = excluded.claimed_by""",
                name, owner, until.toEpochMilli(), now.toEpochMilli()) == 1;
    }

    /** Stores what Netify answered and ends {@code owner}'s claim. */
    void store(String name, String owner, byte[] json, Instant storedAt, Instant freshUntil, Instant validUntil) {
        update("""
                UPDATE netifyd_cache SET body = ?, stored_at = ?, fresh_until = ?, valid_until = ?, retry_at = 0, failure = NULL,
                claimed_until = CASE WHEN claimed_by = ? THEN 0 ELSE claimed_until END,
                claimed_by = CASE WHEN claimed_by = ? THEN NULL ELSE claimed_by END
                WHERE name = ?""",
                new String(json, StandardCharsets.UTF_8), storedAt.toEpochMilli(), freshUntil.toEpochMilli(), validUntil.toEpochMilli(),
                owner, owner, name);
    }

    /** Records a failed call: nobody asks Netify for this entry again before {@code retryAt}. Ends {@code owner}'s claim. */
    void failed(String name, String owner, String failure, Instant retryAt) {
        update("""
                UPDATE netifyd_cache SET retry_at = ?, failure = ?,
                claimed_until = CASE WHEN claimed_by = ? THEN 0 ELSE claimed_until END,
                claimed_by = CASE WHEN claimed_by = ? THEN NULL ELSE claimed_by END
                WHERE name = ?""",
                retryAt.toEpochMilli(), failure, owner, owner, name);
    }

    void release(String name, String owner) {
        update("UPDATE netifyd_cache SET claimed_by = NULL, claimed_until = 0 WHERE name = ? AND claimed_by = ?", name, owner);
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the netifyd cache: " + e.getMessage(), e);
        }
    }
}
