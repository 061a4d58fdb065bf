package dev.parceler.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Who is asking the subscription service about a machine right now, in the database so that it
 * holds across app processes and hosts: the first process to claim a machine asks, the others wait
 * for its answer in the {@link AuthorizationCache}. A claim is keyed as a cached answer (realm,
 * system id, keyed hash of the secret, never the secret), held under a random token so that only
 * its holder releases it, and lapses by itself, so a process that dies holding one blocks nobody
 * for long. Times are the database rows' epoch milliseconds: the hosts' clocks must agree.
 */
public final class AuthorizationClaims {
    private final DataSource dataSource;
    private final Clock clock;

    public AuthorizationClaims(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Claims a machine for {@code lasting}, unless another live claim holds it or the cache holds a
     * valid answer (stored since the caller looked: one statement, no second look); a lapsed claim
     * is taken over. Returns the token that releases the claim, or empty when there is none to take.
     */
    public Optional<String> claim(Realm realm, String systemId, String secretHash, Duration lasting) {
        String token = UUID.randomUUID().toString();
        long now = clock.millis();
        // The SELECT's WHERE also keeps SQLite from reading ON CONFLICT as part of a join.
        String sql = "INSERT INTO authorization_claims (realm, system_id, secret_hash, holder, expires_at) SELECT ?, ?, ?, ?, ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM authorization_cache WHERE realm = ? AND system_id = ? AND secret_hash = ?"
                + " AND expires_at > ?)"
                + " ON CONFLICT(realm, system_id, secret_hash) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
                + " WHERE authorization_claims.expires_at <= ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, realm.label());
            upsert.setString(2, systemId);
            upsert.setString(3, secretHash);
            upsert.setString(4, token);
            upsert.setLong(5, now + lasting.toMillis());
            upsert.setString(6, realm.label());
            upsert.setString(7, systemId);
            upsert.setString(8, secretHash);
            upsert.setLong(9, now);
            upsert.setLong(10, now);
            return upsert.executeUpdate() == 1 ? Optional.of(token) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot claim a subscription check: " + e.getMessage(), e);
        }
    }

    /** Whether a live claim (anyone's) holds the machine now. */
    public boolean held(Realm realm, String systemId, String secretHash) {
        String sql = "SELECT 1 FROM authorization_claims WHERE realm = ? AND system_id = ? AND secret_hash = ? AND expires_at > ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, realm.label());
            select.setString(2, systemId);
            select.setString(3, secretHash);
            select.setLong(4, clock.millis());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the subscription check claims: " + e.getMessage(), e);
        }
    }

    /** Ends the claim {@code token} holds; one taken over meanwhile by another process is left alone. */
    public void release(Realm realm, String systemId, String secretHash, String token) {
        String sql = "DELETE FROM authorization_claims WHERE realm = ? AND system_id = ? AND secret_hash = ? AND holder = ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, realm.label());
            delete.setString(2, systemId);
            delete.setString(3, secretHash);
            delete.setString(4, token);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot release a subscription check claim: " + e.getMessage(), e);
        }
    }

    /** Deletes lapsed claims (left by a process that died holding them); returns how many. */
    public int pruneLapsed() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM authorization_claims WHERE expires_at <= ?")) {
            delete.setLong(1, clock.millis());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prune the subscription check claims: " + e.getMessage(), e);
        }
    }
}
