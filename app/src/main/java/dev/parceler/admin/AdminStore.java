package dev.parceler.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The {@code admins} table: names and password hashes of the console's admins. */
public final class AdminStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 1024;

    private final DataSource dataSource;
    private final PasswordHash passwords;
    private final Clock clock;

    public AdminStore(DataSource dataSource, PasswordHash passwords, Clock clock) {
        this.dataSource = dataSource;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Whether {@code name} could be an admin's name; sign-in checks it before it counts a failure. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static void checkName(String name) {
        if (!validName(name)) {
            throw new AdminException("An admin name is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit: '"
                    + name + "' is not.");
        }
    }

    public static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD) {
            throw new AdminException("The password must have at least " + MIN_PASSWORD + " characters.");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new AdminException("The password must have at most " + MAX_PASSWORD + " characters.");
        }
    }

    public Admin create(String name, String password) {
        checkName(name);
        checkPassword(password);
        if (find(name).isPresent()) {
            throw new AdminException("Admin '" + name + "' already exists.");
        }
        String hash = passwords.hash(password);
        long now = clock.millis();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO admins (name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO NOTHING")) {
            insert.setString(1, name);
            insert.setString(2, hash);
            insert.setLong(3, now);
            insert.setLong(4, now);
            if (insert.executeUpdate() == 0) {
                throw new AdminException("Admin '" + name + "' already exists.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create admin '" + name + "': " + e.getMessage(), e);
        }
        return find(name).orElseThrow();
    }

    public List<Admin> list() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT id, name, created_at, updated_at FROM admins ORDER BY name"); ResultSet rows = select.executeQuery()) {
            List<Admin> admins = new ArrayList<>();
            while (rows.next()) {
                admins.add(read(rows));
            }
            return admins;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the admins: " + e.getMessage(), e);
        }
    }

    public Optional<Admin> find(String name) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT id, name, created_at, updated_at FROM admins WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read admin '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The admin when the name and password match; an unknown name costs as much time as a wrong password. */
    public Optional<Admin> authenticate(String name, String password) {
        Optional<String> stored = Optional.empty();
        if (validName(name)) {
            try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                    "SELECT password_hash FROM admins WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    stored = rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read admin '" + name + "': " + e.getMessage(), e);
            }
        }
        if (password.length() > MAX_PASSWORD) {
            return Optional.empty();
        }
        if (stored.isEmpty()) {
            passwords.matches(password, DECOY);
            return Optional.empty();
        }
        return passwords.matches(password, stored.get()) ? find(name) : Optional.empty();
    }

    /** A valid hash of a password nobody has, so that an unknown name does the same work as a known one. */
    private static final String DECOY = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
            + "cR0sEsZ8J6bcYbJQm0UDcjy8i9BdBHWcZZ9PD14gAy0";

    public void changePassword(String name, String password) {
        checkPassword(password);
        String hash = passwords.hash(password);
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE admins SET password_hash = ?, updated_at = ? WHERE name = ?")) {
            update.setString(1, hash);
            update.setLong(2, clock.millis());
            update.setString(3, name);
            if (update.executeUpdate() == 0) {
                throw new AdminException("Admin '" + name + "' not found.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change the password of '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Deletes an admin and, with it, their sessions. */
    public void delete(String name) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM admins WHERE name = ?")) {
            delete.setString(1, name);
            if (delete.executeUpdate() == 0) {
                throw new AdminException("Admin '" + name + "' not found.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot delete admin '" + name + "': " + e.getMessage(), e);
        }
    }

    private static Admin read(ResultSet row) throws SQLException {
        return new Admin(row.getLong("id"), row.getString("name"), Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("updated_at")));
    }
}
