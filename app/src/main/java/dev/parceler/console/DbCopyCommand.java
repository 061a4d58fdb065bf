package dev.parceler.console;

import dev.parceler.config.DatabaseSettings;
import dev.parceler.database.Database;
import dev.parceler.database.SqliteToPostgres;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "db:copy", mixinStandardHelpOptions = true,
        description = {"Copy a SQLite Parceler database into the configured PostgreSQL database (DB_CONNECTION=pgsql),"
                + " to move an installation onto a server.",
                "The target is migrated first; every table is copied, jobs included, in one transaction; ids go on"
                        + " counting after the copied ones. Heartbeats, repository leases and the job library's server"
                        + " list are not copied: they describe processes running now.",
                "The SQLite file may be in use: a consistent snapshot of it is read.",
                "A target that already holds data is refused unless --force, which replaces that data."})
final class DbCopyCommand implements Callable<Integer> {
    private final Supplier<Database> database;
    private final DatabaseSettings databaseSettings;

    @Spec
    CommandSpec spec;

    @Option(names = "--from-sqlite", required = true, paramLabel = "<file>", description = "The SQLite database to copy.")
    Path from;

    @Option(names = "--force", description = "Replace the data the PostgreSQL database holds.")
    boolean force;

    DbCopyCommand(Supplier<Database> database, DatabaseSettings databaseSettings) {
        this.database = database;
        this.databaseSettings = databaseSettings;
    }

    @Override
    public Integer call() {
        DatabaseSettings database = databaseSettings;
        if (database.postgres().isEmpty()) {
            throw new ConsoleFailure("db:copy copies into PostgreSQL, and the configured database is the SQLite file "
                    + database.describe() + ": set DB_CONNECTION=pgsql and the target's DB_* settings first.");
        }
        Map<String, Long> counts = new SqliteToPostgres(from, this.database.get()).copy(force);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Copied " + from.toAbsolutePath().normalize() + " into " + database.describe() + ":");
        TextTable.print(out, java.util.List.of("Table", "Rows"), counts.entrySet().stream()
                .map(entry -> java.util.List.of(entry.getKey(), Long.toString(entry.getValue()))).toList());
        return 0;
    }
}
