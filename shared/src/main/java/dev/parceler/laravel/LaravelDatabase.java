package dev.parceler.laravel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;

/**
 * The Laravel Parceler's SQLite database ({@code database/database.sqlite}), opened read-only:
 * its {@code repositories} table (from its migration {@code create_repositories_table}: id, name,
 * command, sub_dir, delay, freeze, created_at, updated_at) and the queue's {@code jobs} and
 * {@code failed_jobs}. Nothing in it is ever changed.
 */
public final class LaravelDatabase implements AutoCloseable {
    private final Connection connection;

    /** A repository as the Laravel application keeps it. */
    public record Row(long id, String name, String command, Optional<String> subDir, String delay, Optional<String> freeze) {
    }

    private LaravelDatabase(Connection connection) {
        this.connection = connection;
    }

    public static LaravelDatabase open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MoveInFailure("There is no Laravel database at " + file + ".");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(org.sqlite.SQLiteOpenMode.READONLY);
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            LaravelDatabase database = new LaravelDatabase(connection);
            if (!database.hasTable("repositories")) {
                connection.close();
                throw new MoveInFailure(file + " is not a Laravel Parceler database: it has no repositories table.");
            }
            return database;
        } catch (SQLException e) {
            throw new MoveInFailure(file + " cannot be read as an SQLite database: " + e.getMessage());
        }
    }

    public List<Row> repositories() {
        List<Row> rows = new ArrayList<>();
        String sql = "SELECT id, name, command, sub_dir, delay, freeze FROM repositories ORDER BY id";
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), Optional.ofNullable(result.getString(4)),
                        String.valueOf(result.getObject(5)), Optional.ofNullable(result.getString(6))));
            }
        } catch (SQLException e) {
            throw new MoveInFailure("The Laravel database's repositories cannot be read: " + e.getMessage());
        }
        return rows;
    }

    /** The jobs still queued ({@code jobs}) or failed ({@code failed_jobs}), counted by the job class Laravel names in each payload. */
    public Map<String, Integer> jobs(String table) {
        Map<String, Integer> counts = new TreeMap<>();
        if (!hasTable(table)) {
            return counts;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT payload FROM " + table);
                ResultSet result = select.executeQuery()) {
            while (result.next()) {
                counts.merge(displayName(result.getString(1)), 1, Integer::sum);
            }
        } catch (SQLException e) {
            throw new MoveInFailure("The Laravel database's " + table + " cannot be read: " + e.getMessage());
        }
        return counts;
    }

    private static String displayName(String payload) {
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("\"displayName\"\\s*:\\s*\"([^\"]{1,200})\"")
                .matcher(payload == null ? "" : payload);
        return name.find() ? name.group(1).replace("\\\\", "\\") : "(a job)";
    }

    private boolean hasTable(String table) {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            select.setString(1, table);
            try (ResultSet result = select.executeQuery()) {
                return result.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // read-only: nothing to lose
        }
    }
}
