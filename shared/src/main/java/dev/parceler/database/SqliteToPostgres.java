package dev.parceler.database;

import dev.parceler.config.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Copies a SQLite Parceler database into the PostgreSQL database the settings name, for moving an
 * installation onto a server. The source is read through a {@code VACUUM INTO} snapshot (so it may
 * be in use) migrated to this build's schema in a temporary folder; the target is migrated by
 * opening it. Every table {@link TableRoles} marks as data is copied in one transaction, parents
 * before children, and each counting id is set past the copied ones.
 */
public final class SqliteToPostgres {
    private static final int BATCH = 500;

    private final Path source;
    private final Database target;

    public SqliteToPostgres(Path source, Database target) {
        this.source = source.toAbsolutePath().normalize();
        this.target = target;
    }

    /** Rows copied per table, in the order copied; refused when the target holds data unless {@code replace}. */
    public Map<String, Long> copy(boolean replace) {
        new BackupFile(source).facts();
        Path folder;
        try {
            folder = Files.createTempDirectory("parceler-copy-");
        } catch (IOException e) {
            throw new BackupFailure("Cannot create a temporary folder: " + SqliteBackup.reason(e), e);
        }
        Path snapshot = folder.resolve("source.sqlite");
        try {
            try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + source);
                    Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + Database.BUSY_TIMEOUT_MILLIS);
                statement.execute("VACUUM INTO '" + snapshot.toString().replace("'", "''") + "'");
            } catch (SQLException e) {
                throw new BackupFailure("Cannot read " + source + ": " + e.getMessage(), e);
            }
            try (Database from = Database.open(DatabaseSettings.sqlite(snapshot), "parceler-copy-source", 1)) {
                return copy(from.dataSource(), replace);
            }
        } finally {
            SqliteBackup.deleteQuietly(snapshot);
            SqliteBackup.deleteQuietly(snapshot.resolveSibling("source.sqlite.migrate.lock"));
            try {
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                // A leftover empty temporary folder harms nothing.
            }
        }
    }

    private Map<String, Long> copy(DataSource from, boolean replace) {
        try (Connection in = from.getConnection(); Connection out = target.dataSource().getConnection()) {
            List<String> sourceTables = tables(in);
            for (String table : sourceTables) {
                if (TableRoles.of(table).isEmpty()) {
                    throw new BackupFailure("The table " + table + " of " + source + " is unknown to this build's copy: nothing was copied.");
                }
            }
            List<String> copied = inInsertOrder(out, sourceTables.stream()
                    .filter(table -> TableRoles.of(table).filter(role -> role == TableRoles.Role.DATA || role == TableRoles.Role.SEED).isPresent())
                    .toList());
            out.setAutoCommit(false);
            try {
                if (!replace) {
                    for (String table : copied) {
                        if (TableRoles.of(table).orElseThrow() == TableRoles.Role.DATA && count(out, table) > 0) {
                            throw new BackupFailure("The database " + target.describe() + " already holds data (table " + table
                                    + "): add --force to replace it with the copy.");
                        }
                    }
                }
                for (int i = copied.size() - 1; i >= 0; i--) {
                    try (Statement delete = out.createStatement()) {
                        delete.executeUpdate("DELETE FROM " + copied.get(i));
                    }
                }
                Map<String, Long> counts = new LinkedHashMap<>();
                for (String table : copied) {
                    counts.put(table, copyTable(in, out, table));
                }
                for (String table : copied) {
                    restartIds(out, table);
                }
                out.commit();
                return counts;
            } catch (SQLException | RuntimeException e) {
                out.rollback();
                throw e;
            } finally {
                out.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new BackupFailure("Cannot copy " + source + " into " + target.describe() + ": " + e.getMessage()
                    + "; nothing was copied.", e);
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                if (!name.startsWith("sqlite_")) {
                    tables.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }

    /** Tables ordered so that every table comes after those its foreign keys point at. */
    private static List<String> inInsertOrder(Connection out, List<String> tables) throws SQLException {
        DatabaseMetaData meta = out.getMetaData();
        Map<String, Set<String>> parents = new HashMap<>();
        for (String table : tables) {
            Set<String> of = new LinkedHashSet<>();
            try (ResultSet keys = meta.getImportedKeys(null, out.getSchema(), table)) {
                while (keys.next()) {
                    String parent = keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(table)) {
                        of.add(parent);
                    }
                }
            }
            parents.put(table, of);
        }
        List<String> ordered = new ArrayList<>();
        List<String> sorted = tables.stream().sorted().toList();
        while (ordered.size() < sorted.size()) {
            boolean progressed = false;
            for (String table : sorted) {
                if (!ordered.contains(table) && ordered.containsAll(parents.get(table).stream().filter(tables::contains).toList())) {
                    ordered.add(table);
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new IllegalStateException("Foreign keys between " + tables + " form a cycle");
            }
        }
        return ordered;
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private record Column(String name, int type) {
    }

    private static List<Column> columns(Connection connection, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getColumns(null, connection.getSchema(), table, "%")) {
            while (rows.next()) {
                columns.add(new Column(rows.getString("COLUMN_NAME"), rows.getInt("DATA_TYPE")));
            }
        }
        return columns;
    }

    private long copyTable(Connection in, Connection out, String table) throws SQLException {
        List<Column> targetColumns = columns(out, table);
        Map<String, Column> byName = new HashMap<>();
        targetColumns.forEach(column -> byName.put(column.name().toLowerCase(Locale.ROOT), column));
        List<String> sourceNames = columns(in, table).stream().map(Column::name).toList();
        List<Column> mapped = new ArrayList<>();
        for (String name : sourceNames) {
            Column column = byName.get(name.toLowerCase(Locale.ROOT));
            if (column == null) {
                throw new BackupFailure("The column " + table + "." + name + " of " + source + " has no place in " + target.describe()
                        + ": nothing was copied.");
            }
            mapped.add(column);
        }
        String select = "SELECT " + String.join(", ", sourceNames.stream().map(name -> "\"" + name + "\"").toList()) + " FROM " + table;
        String insert = "INSERT INTO " + table + " (" + String.join(", ", mapped.stream().map(column -> "\"" + column.name() + "\"").toList())
                + ") VALUES (" + String.join(", ", mapped.stream().map(column -> "?").toList()) + ")";
        long copied = 0;
        try (Statement reader = in.createStatement(); ResultSet rows = reader.executeQuery(select);
                PreparedStatement writer = out.prepareStatement(insert)) {
            while (rows.next()) {
                for (int i = 0; i < mapped.size(); i++) {
                    bind(writer, i + 1, mapped.get(i).type(), rows, i + 1);
                }
                writer.addBatch();
                if (++copied % BATCH == 0) {
                    writer.executeBatch();
                }
            }
            writer.executeBatch();
        }
        return copied;
    }

    /** SQLite stores a value as whatever it was given; the target column's type says what it is. */
    private static void bind(PreparedStatement writer, int index, int type, ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) {
            writer.setNull(index, type);
            return;
        }
        switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> writer.setLong(index, ((Number) numeric(value)).longValue());
            case Types.BOOLEAN, Types.BIT -> writer.setBoolean(index, value instanceof Number number ? number.longValue() != 0
                    : Boolean.parseBoolean(value.toString()) || "1".equals(value.toString()));
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> writer.setTimestamp(index, timestamp(value));
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL -> writer.setObject(index, numeric(value), type);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> writer.setBytes(index, rows.getBytes(column));
            default -> writer.setString(index, value.toString());
        }
    }

    private static Object numeric(Object value) {
        if (value instanceof Number) {
            return value;
        }
        String text = value.toString().strip();
        return text.contains(".") ? (Object) Double.valueOf(text) : (Object) Long.valueOf(text);
    }

    /** The job library's times: text in the local zone ({@code yyyy-MM-dd HH:mm:ss[.fff]}) or epoch milliseconds. */
    private static Timestamp timestamp(Object value) {
        if (value instanceof Number number) {
            return new Timestamp(number.longValue());
        }
        return Timestamp.valueOf(value.toString().strip().replace('T', ' '));
    }

    /** Sets each counting id (serial or identity) of {@code table} past the highest copied value. */
    private static void restartIds(Connection out, String table) throws SQLException {
        List<String> counting = new ArrayList<>();
        try (PreparedStatement columns = out.prepareStatement("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ?
                  AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')""")) {
            columns.setString(1, table);
            try (ResultSet rows = columns.executeQuery()) {
                while (rows.next()) {
                    counting.add(rows.getString(1));
                }
            }
        }
        for (String column : counting) {
            try (PreparedStatement restart = out.prepareStatement(
                    "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(\"" + column + "\") FROM " + table + "), 0) + 1, false)")) {
                restart.setString(1, table);
                restart.setString(2, column);
                restart.execute();
            }
        }
    }
}
