package dev.parceler.testing;

import dev.parceler.config.DatabaseSettings;
import dev.parceler.config.PostgresSettings;
import dev.parceler.database.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from the machine's packages (Debian's {@code postgresql}): a
 * cluster made by {@code initdb} in a temporary folder, run by {@code pg_ctl} on a free loopback
 * port, trusting local connections as the superuser {@code parceler}. As root it runs as the
 * {@code postgres} user (initdb refuses root). The cluster has no locale, so text sorts bytewise
 * as in SQLite, and no fsync: nothing in it needs to survive a crash.
 *
 * <p>Each test gets a database of its own, copied from a template that is migrated once: copying is
 * far cheaper than migrating again.
 */
public final class PostgresServer implements AutoCloseable {
    static final String SUPERUSER = "parceler";
    private static final String TEMPLATE = "parceler_template";

    private final Path folder;
    private final Path binaries;
    private final boolean asPostgresUser;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private boolean templateReady;

    private PostgresServer(Path folder, Path binaries, boolean asPostgresUser, int port) {
        this.folder = folder;
        this.binaries = binaries;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
    }

    /** Starts a server, or skips the test (fails it under CI=true) when PostgreSQL is not installed. */
    public static PostgresServer start() {
        Path binaries = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path folder = Files.createTempDirectory("parceler-pg-");
            if (root) {
                UserPrincipalLookupService users = folder.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(folder, users.lookupPrincipalByName("postgres"));
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            PostgresServer server = new PostgresServer(folder, binaries, root, freePort());
            server.run(List.of("initdb", "-D", server.data().toString(), "-A", "trust", "-U", SUPERUSER, "--no-locale",
                    "-E", "UTF8", "--no-sync"));
            server.run(List.of("pg_ctl", "-D", server.data().toString(), "-l", folder.resolve("server.log").toString(), "-w",
                    "-o", "-p " + server.port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "start"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare a PostgreSQL cluster", e);
        }
    }

    /**
     * Debian installs the server programs under /usr/lib/postgresql/VERSION/bin, off the PATH; the
     * newest version found wins. Elsewhere they are on the PATH.
     */
    private static Path binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                        .max(Comparator.comparing(bin -> versionNumber(bin.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                // fall back to the PATH
            }
        }
        ExternalBinary.require("pg_ctl");
        return ExternalBinary.require("initdb").getParent();
    }

    private static int versionNumber(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** A new database holding Parceler's schema (migrated, job tables included) and nothing else. */
    public synchronized String freshDatabase() {
        if (!templateReady) {
            // A template left half-made by a failed attempt is made again.
            execute("DROP DATABASE IF EXISTS " + TEMPLATE + " WITH (FORCE)");
            execute("CREATE DATABASE " + TEMPLATE);
            try (Database migrated = Database.open(settings(TEMPLATE), "template", 2)) {
                if (!migrated.answers()) {
                    throw new IllegalStateException("The template database does not answer");
                }
            }
            templateReady = true;
        }
        String name = "parceler_" + databases.incrementAndGet();
        execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return name;
    }

    /** A database without any table, for tests of migrating a fresh database. */
    public String emptyDatabase() {
        String name = "empty_" + databases.incrementAndGet();
        execute("CREATE DATABASE " + name);
        return name;
    }

    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** What Parceler's settings say to reach {@code database} as the superuser. */
    public Map<String, String> environment(String database) {
        return Map.of("DB_CONNECTION", "pgsql", "DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(port),
                "DB_DATABASE", database, "DB_USERNAME", SUPERUSER);
    }

    public DatabaseSettings settings(String database) {
        return DatabaseSettings.postgres(new PostgresSettings("127.0.0.1", port, database, SUPERUSER, Optional.empty(), ""));
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, "");
    }

    private void execute(String sql) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused " + sql + ": " + e.getMessage(), e);
        }
    }

    private Path data() {
        return folder.resolve("data");
    }

    private void run(List<String> command) {
        List<String> line = new ArrayList<>();
        if (asPostgresUser) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.add(binaries.resolve(command.get(0)).toString());
        line.addAll(command.subList(1, command.size()));
        try {
            Path output = Files.createTempFile("parceler-pg-", ".out");
            try {
                // The folder is the postgres user's own; the JVM's working directory may be closed to it.
                Process process = new ProcessBuilder(line).directory(folder.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", line) + " did not finish within 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", line) + " failed (" + process.exitValue() + "):\n"
                            + Files.readString(output) + serverLog());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + line, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + line, e);
        }
    }

    private String serverLog() {
        try {
            Path log = folder.resolve("server.log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            run(List.of("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            try {
                Trees.deleteRecursively(folder);
            } catch (RuntimeException e) {
                // a leftover temporary folder harms nothing
            }
        }
    }
}
