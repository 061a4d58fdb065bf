package dev.parceler.auth;

import dev.parceler.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.sql.DataSource;

/**
 * Subscription answers in the database, so every app process shares them. A row is keyed by
 * realm, system id and an HMAC-SHA256 of the three under {@code APP_KEY}: another secret for the
 * same system id is another row, and nobody reading the database learns a secret.
 */
public final class AuthorizationCache {
    private final DataSource dataSource;
    private final byte[] key;
    private final Clock clock;
    /** A keyed MAC per thread: building one per request shows on the download path. */
    private final ThreadLocal<Mac> macs;

    public AuthorizationCache(DataSource dataSource, byte[] key, Clock clock) {
        this.dataSource = dataSource;
        this.key = key.clone();
        this.clock = clock;
        this.macs = ThreadLocal.withInitial(() -> Sha256.hmac(this.key));
    }

    /** A cached answer still valid now: authorized or refused, until when. */
    public record Entry(boolean authorized, Instant expiresAt) {
    }

    public String secretHash(Realm realm, MachineCredentials credentials) {
        byte[] digest = macs.get().doFinal((realm.label() + "\n" + credentials.systemId() + "\n" + credentials.secret())
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    public Optional<Entry> find(Realm realm, String systemId, String secretHash) {
        String sql = "SELECT authorized, expires_at FROM authorization_cache WHERE realm = ? AND system_id = ? AND secret_hash = ? AND expires_at > ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, realm.label());
            select.setString(2, systemId);
            select.setString(3, secretHash);
            select.setLong(4, clock.millis());
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Entry(row.getInt(1) != 0, Instant.ofEpochMilli(row.getLong(2))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the authorization cache: " + e.getMessage(), e);
        }
    }

    public void store(Realm realm, String systemId, String secretHash, Entry entry) {
        String sql = "INSERT INTO authorization_cache (realm, system_id, secret_hash, authorized, expires_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT(realm, system_id, secret_hash) DO UPDATE SET authorized = excluded.authorized, expires_at = excluded.expires_at";
        try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, realm.label());
            upsert.setString(2, systemId);
            upsert.setString(3, secretHash);
            upsert.setInt(4, entry.authorized() ? 1 : 0);
            upsert.setLong(5, entry.expiresAt().toEpochMilli());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the authorization cache: " + e.getMessage(), e);
        }
    }

    /** Deletes expired answers; returns how many. */
    public int pruneExpired() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM authorization_cache WHERE expires_at <= ?")) {
            delete.setLong(1, clock.millis());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prune the authorization cache: " + e.getMessage(), e);
        }
    }
}
