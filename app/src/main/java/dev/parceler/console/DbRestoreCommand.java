package dev.parceler.console;

import dev.parceler.config.DatabaseSettings;
import dev.parceler.database.PostgresDump;
import dev.parceler.database.SqliteRestore;
import dev.parceler.health.Heartbeat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "db:restore", mixinStandardHelpOptions = true,
        description = {"Replace the database with a backup made by 'parceler db:backup'.",
                "SQLite: <file> must be a Parceler database, undamaged and no newer than this build; every process"
                        + " (serve, worker, scheduler) must be stopped (none may have beaten in the last 60 s).",
                "The replaced database is kept beside it as <database>.replaced-<UTC time>.",
                "Without --force, checks <file>, says what would be replaced and changes nothing.",
                "PostgreSQL: prints the pg_restore command to run and exits 1."})
final class DbRestoreCommand implements Callable<Integer> {
    private final DatabaseSettings databaseSettings;
    private final Clock clock;
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<file>", description = "The backup to restore.")
    Path file;

    @Option(names = "--force", description = "Replace the database (without it, nothing is changed).")
    boolean force;

    DbRestoreCommand(DatabaseSettings databaseSettings, Clock clock, Map<String, String> environment) {
        this.databaseSettings = databaseSettings;
        this.clock = clock;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DatabaseSettings database = databaseSettings;
        Path backup = file.toAbsolutePath().normalize();
        if (database.postgres().isPresent()) {
            PostgresDump dumps = new PostgresDump(database.postgres().get(), environment);
            out.println("Stop every Parceler process, then restore with PostgreSQL's own tool" + dumps.passwordHint() + ":");
            out.println("  " + PostgresDump.shellLine(dumps.restoreCommand(backup)));
            out.flush();
            throw new ConsoleFailure("db:restore does not restore PostgreSQL itself: run the pg_restore command above.");
        }
        // The database is never opened through the pool here: its file is what gets replaced.
        SqliteRestore restore = new SqliteRestore(database.file().orElseThrow(), clock);
        try (SqliteRestore.Staged staged = restore.stage(backup)) {
            List<Heartbeat> running = restore.running();
            if (!running.isEmpty()) {
                throw new ConsoleFailure("Cannot restore while Parceler runs: " + describe(running) + ". Stop "
                        + (running.size() == 1 ? "it" : "them") + " (systemctl stop parceler-serve parceler-worker parceler-scheduler,"
                        + " docker compose stop, or kill " + running.stream().map(beat -> Long.toString(beat.pid())).collect(Collectors.joining(" "))
                        + (running.size() == 1 ? " on its host" : " on their hosts") + "), then restore again; a process that stopped without saying so counts as stopped"
                        + " 60 s after its last heartbeat.");
            }
            if (!force) {
                throw new ConsoleFailure(backup + " holds " + staged.facts().describe() + ". Restoring replaces " + database.describe()
                        + " (kept as " + restore.replacedName().getFileName() + "): add --force to restore it.");
            }
            Optional<Path> kept = restore.replace(staged);
            out.println("Restored " + database.describe() + " from " + backup + " (" + staged.facts().describe() + ").");
            kept.ifPresent(aside -> out.println("The replaced database is kept as " + aside + "; delete it once the restored one is checked."));
        }
        return 0;
    }

    private String describe(List<Heartbeat> running) {
        return running.stream().map(beat -> beat.kind().label() + " on " + beat.host() + " (pid " + beat.pid() + ", last heartbeat "
                + Math.max(0, Duration.between(beat.beatAt(), clock.instant()).toSeconds()) + " s ago)")
                .collect(Collectors.joining(", "));
    }
}
