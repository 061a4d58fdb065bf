package dev.parceler.admin;

import dev.parceler.digest.Sha256;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Signed-in browsers, in the database so that every app process behind a balancer knows them.
 * The cookie carries a random token; the table holds only its SHA-256, so a copy of the
 * database signs nobody in. A session lapses after {@code lifetime} without a page, and is
 * extended as it is used (at most once a minute, to keep writes few).
 */
public final class AdminSessions {
    private static final Duration EXTEND_EVERY = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final SecureRandom random;
    private final Duration lifetime;
    private final Clock clock;

    public AdminSessions(DataSource dataSource, SecureRandom random, Duration lifetime, Clock clock) {
        this.dataSource = dataSource;
        this.random = random;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A session as the browser holds it (token) and as forms carry it (CSRF token). */
    public record Opened(String token, String csrfToken) {
    }

    /** The admin a valid session belongs to, and the CSRF token of its forms. */
    public record SignedIn(String admin, String csrfToken) {
    }

    public Duration lifetime() {
        return lifetime;
    }

    public Opened open(Admin admin) {
        String token = randomToken();
        String csrf = randomToken();
        long now = clock.millis();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement prune = connection.prepareStatement("DELETE FROM admin_sessions WHERE expires_at < ?")) {
                prune.setLong(1, now);
                prune.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO admin_sessions (token_hash, admin_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, Sha256.hex(token));
                insert.setLong(2, admin.id());
                insert.setString(3, csrf);
                insert.setLong(4, now);
                insert.setLong(5, now + lifetime.toMillis());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open a session: " + e.getMessage(), e);
        }
        return new Opened(token, csrf);
    }

    public Optional<SignedIn> find(String token) {
        if (token == null || token.length() != 64) {
            return Optional.empty();
        }
        long now = clock.millis();
        String hash = Sha256.hex(token);
        try (Connection connection = dataSource.getConnection()) {
            long expiresAt;
            SignedIn signedIn;
            try (PreparedStatement select = connection.prepareStatement("SELECT a.name, s.csrf_token, s.expires_at"
                    + " FROM admin_sessions s JOIN admins a ON a.id = s.admin_id WHERE s.token_hash = ?")) {
                select.setString(1, hash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    signedIn = new SignedIn(row.getString(1), row.getString(2));
                    expiresAt = row.getLong(3);
                }
            }
            if (expiresAt <= now) {
                return Optional.empty();
            }
            if (now + lifetime.toMillis() - expiresAt >= EXTEND_EVERY.toMillis()) {
                try (PreparedStatement extend = connection.prepareStatement("UPDATE admin_sessions SET expires_at = ? WHERE token_hash = ?")) {
                    extend.setLong(1, now + lifetime.toMillis());
                    extend.setString(2, hash);
                    extend.executeUpdate();
                }
            }
            return Optional.of(signedIn);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read a session: " + e.getMessage(), e);
        }
    }

    public void close(String token) {
        if (token == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM admin_sessions WHERE token_hash = ?")) {
            delete.setString(1, Sha256.hex(token));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close a session: " + e.getMessage(), e);
        }
    }

    /** Signs an admin out everywhere (after a new password). */
    public void closeAll(String admin) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM admin_sessions WHERE admin_id IN (SELECT id FROM admins WHERE name = ?)")) {
            delete.setString(1, admin);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close the sessions of '" + admin + "': " + e.getMessage(), e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
