package dev.parceler.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Slows password guessing: after {@code perAccount} failed sign-ins to one name, or
 * {@code perAddress} from one client address, within {@code window}, further attempts are
 * refused without checking the password until the oldest failure leaves the window. Failures
 * are in the database, so every app process counts the same. A success clears the name's count
 * (not the address's: one good password must not reopen guessing at others).
 */
public final class LoginThrottle {
    public static final int PER_ACCOUNT = 5;
    public static final int PER_ADDRESS = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final DataSource dataSource;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;

    public LoginThrottle(DataSource dataSource, int perAccount, int perAddress, Duration window, Clock clock) {
        this.dataSource = dataSource;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
        this.clock = clock;
    }

    /** How long until a sign-in to {@code account} from {@code address} may be tried again; empty: now. */
    public Optional<Duration> wait(String account, String address) {
        long now = clock.millis();
        long since = now - window.toMillis();
        try (Connection connection = dataSource.getConnection()) {
            Optional<Long> account429 = blockedUntil(connection, "account", account, since, perAccount);
            Optional<Long> address429 = blockedUntil(connection, "address", address, since, perAddress);
            long until = Math.max(account429.orElse(0L), address429.orElse(0L));
            return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read failed sign-ins: " + e.getMessage(), e);
        }
    }

    /** When the {@code limit}-th newest failure leaves the window, if there are that many in it. */
    private Optional<Long> blockedUntil(Connection connection, String scope, String subject, long since, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT failed_at FROM login_failures"
                + " WHERE scope = ? AND subject = ? AND failed_at > ? ORDER BY failed_at DESC LIMIT 1 OFFSET ?")) {
            select.setString(1, scope);
            select.setString(2, subject);
            select.setLong(3, since);
            select.setInt(4, limit - 1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1) + window.toMillis()) : Optional.empty();
            }
        }
    }

    public void failed(String account, String address) {
        long now = clock.millis();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement prune = connection.prepareStatement("DELETE FROM login_failures WHERE failed_at <= ?")) {
                prune.setLong(1, now - window.toMillis());
                prune.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO login_failures (scope, subject, failed_at) VALUES ('account', ?, ?), ('address', ?, ?)")) {
                insert.setString(1, account);
                insert.setLong(2, now);
                insert.setString(3, address);
                insert.setLong(4, now);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record a failed sign-in: " + e.getMessage(), e);
        }
    }

    public void succeeded(String account) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM login_failures WHERE scope = 'account' AND subject = ?")) {
            delete.setString(1, account);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clear failed sign-ins: " + e.getMessage(), e);
        }
    }
}
