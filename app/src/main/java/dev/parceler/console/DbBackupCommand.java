package dev.parceler.console;

import dev.parceler.config.DatabaseSettings;
import dev.parceler.config.PostgresSettings;
import dev.parceler.database.BackupFile;
import dev.parceler.database.Database;
import dev.parceler.database.PostgresDump;
import dev.parceler.database.SqliteBackup;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "db:backup", mixinStandardHelpOptions = true,
        description = {"Write a consistent backup of the database to <file> while every process goes on running.",
                "SQLite: a checked, compacted copy (VACUUM INTO), written beside <file> and renamed onto it when complete.",
                "PostgreSQL: runs 'pg_dump -Fc' (the password goes to it in PGPASSWORD); without pg_dump on the PATH,"
                        + " prints the command to run and exits 1.",
                "Restore with 'parceler db:restore <file> --force'."})
final class DbBackupCommand implements Callable<Integer> {
    private final Supplier<Database> database;
    private final DatabaseSettings databaseSettings;
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<file>", description = "The backup file to write.")
    Path file;

    @Option(names = "--force", description = "Replace <file> when it exists.")
    boolean force;

    DbBackupCommand(Supplier<Database> database, DatabaseSettings databaseSettings, Map<String, String> environment) {
        this.database = database;
        this.databaseSettings = databaseSettings;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DatabaseSettings database = databaseSettings;
        Path target = file.toAbsolutePath().normalize();
        if (database.postgres().isPresent()) {
            return dump(database.postgres().get(), target, out);
        }
        BackupFile.Facts facts = new SqliteBackup(this.database.get().dataSource(), database.file().orElseThrow()).backup(target, force);
        out.println("Backed up " + database.describe() + " to " + target + " (" + facts.describe() + ").");
        return 0;
    }

    private int dump(PostgresSettings server, Path target, PrintWriter out) {
        if (Files.isDirectory(target)) {
            throw new ConsoleFailure(target + " is a folder: name the backup file to write.");
        }
        if (Files.exists(target) && !force) {
            throw new ConsoleFailure(target + " already exists: add --force to replace it.");
        }
        if (!Files.isDirectory(target.getParent())) {
            throw new ConsoleFailure("Cannot write " + target + ": the folder " + target.getParent() + " does not exist.");
        }
        PostgresDump dumps = new PostgresDump(server, environment);
        Optional<Path> pgDump = dumps.pgDump();
        if (pgDump.isEmpty()) {
            out.println("Back the database up with PostgreSQL's own tool" + dumps.passwordHint() + ":");
            out.println("  " + PostgresDump.shellLine(dumps.dumpCommand("pg_dump", target)));
            out.flush();
            throw new ConsoleFailure("pg_dump is not on the PATH (Debian: apt-get install postgresql-client): no backup was written.");
        }
        dumps.dump(pgDump.get(), target);
        out.println("Backed up " + server.describe() + " to " + target + " with pg_dump -Fc.");
        return 0;
    }
}
