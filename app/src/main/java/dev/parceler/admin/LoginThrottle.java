package dev.parceler.admin;

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
 * Slows password guessing: after {@code perAccount} sign-ins to one name, or {@code perAddress}
 * from one client address, within {@code window}, further attempts are refused without checking
 * the password until the oldest leaves the window. Each attempt is recorded before its password
 * is checked, under a token of its own, and goes ahead only if it is among the first allowed in
 * the window (counted in the order of the rows): a parallel burst gets no more checks than a
 * serial one: exactly in one process (attempts are recorded one at a time), and across app processes
 * on one database up to attempts of the same millisecond. A success takes its
 * own rows back and clears the name's count (not the address's: one good password must not
 * reopen guessing at others).
 */
public final class LoginThrottle {
    public static final int PER_ACCOUNT = 5;
    public static final int PER_ADDRESS = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    /** What a sign-in attempt may do: check its password (with the token of its rows), or wait. */
    public sealed interface Attempt {
        /** The password may be checked; {@code token} names this attempt's rows. */
        record Allowed(String token) implements Attempt {
        }

        /** Too many attempts in the window: try again after {@code retryAfter}. */
        record Throttled(Duration retryAfter) implements Attempt {
        }
    }

    private final DataSource dataSource;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;
    private final SecureRandom random;
    private long sequence;

    public LoginThrottle(DataSource dataSource, int perAccount, int perAddress, Duration window, Clock clock, SecureRandom random) {
        this.dataSource = dataSource;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
        this.clock = clock;
        this.random = random;
    }

    /** Records an attempt to sign in as {@code account} from {@code address}, and says whether it may go ahead. */
    public synchronized Attempt reserve(String account, String address) {
        long now = clock.millis();
        long since = now - window.toMillis();
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        // Attempts of one millisecond rank by token: the sequence first, so this process's rank as they were recorded.
        String token = String.format("%016x", sequence++) + HexFormat.of().formatHex(bytes);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement prune = connection.prepareStatement("DELETE FROM login_failures WHERE failed_at <= ?")) {
                prune.setLong(1, since);
                prune.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO login_failures (scope, subject, failed_at, attempt)"
                    + " VALUES ('account', ?, ?, ?), ('address', ?, ?, ?)")) {
                insert.setString(1, account);
                insert.setLong(2, now);
                insert.setString(3, token);
                insert.setString(4, address);
                insert.setLong(5, now);
                insert.setString(6, token);
                insert.executeUpdate();
            }
            Optional<Long> accountFree = overLimit(connection, "account", account, since, now, token, perAccount);
            Optional<Long> addressFree = overLimit(connection, "address", address, since, now, token, perAddress);
            if (accountFree.isEmpty() && addressFree.isEmpty()) {
                return new Attempt.Allowed(token);
            }
            forget(connection, token);
            long until = Math.max(accountFree.orElse(0L), addressFree.orElse(0L));
            return new Attempt.Throttled(Duration.ofMillis(Math.max(1000, until - now)));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record a sign-in attempt: " + e.getMessage(), e);
        }
    }

    /**
     * When this attempt's place in the window frees up, if it is beyond {@code limit}: the rows
     * before it (earlier, or at the same millisecond with a smaller token) are counted, so every
     * process ranks the same rows the same way.
     */
    private Optional<Long> overLimit(Connection connection, String scope, String subject, long since, long now, String token, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT failed_at FROM login_failures"
                + " WHERE scope = ? AND subject = ? AND failed_at > ? AND (failed_at < ? OR (failed_at = ? AND attempt < ?))"
                + " ORDER BY failed_at DESC, attempt DESC LIMIT 1 OFFSET ?")) {
            select.setString(1, scope);
            select.setString(2, subject);
            select.setLong(3, since);
            select.setLong(4, now);
            select.setLong(5, now);
            select.setString(6, token);
            select.setInt(7, limit - 1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1) + window.toMillis()) : Optional.empty();
            }
        }
    }

    /** The attempt's password was right: its rows go, and so does the name's count. */
    public void succeeded(String account, Attempt.Allowed attempt) {
        try (Connection connection = dataSource.getConnection()) {
            forget(connection, attempt.token());
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM login_failures WHERE scope = 'account' AND subject = ?")) {
                delete.setString(1, account);
                delete.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clear failed sign-ins: " + e.getMessage(), e);
        }
    }

    /** The attempt's password was never checked (the checks were busy): it does not count. */
    public void withdrawn(Attempt.Allowed attempt) {
        try (Connection connection = dataSource.getConnection()) {
            forget(connection, attempt.token());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot withdraw a sign-in attempt: " + e.getMessage(), e);
        }
    }

    private static void forget(Connection connection, String token) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM login_failures WHERE attempt = ?")) {
            delete.setString(1, token);
            delete.executeUpdate();
        }
    }
}
