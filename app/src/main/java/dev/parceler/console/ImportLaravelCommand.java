package dev.parceler.console;

import dev.parceler.config.Settings;
import dev.parceler.laravel.LaravelDatabase;
import dev.parceler.laravel.LaravelEnv;
import dev.parceler.laravel.MoveIn;
import dev.parceler.laravel.MoveInFailure;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.signature.TrustedKeyStore;
import dev.parceler.snapshot.FeedCheck;
import dev.parceler.snapshot.SnapshotAdoption;
import dev.parceler.snapshot.SnapshotChanges;
import dev.parceler.snapshot.SnapshotFreeze;
import dev.parceler.volume.Volume;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import:laravel", mixinStandardHelpOptions = true,
        description = {"Move a Laravel Parceler installation in: its repositories (command, source folder, delay, freeze) from"
                + " its database, read without changing it, and its snapshots and source copies from its storage folder,"
                + " adopted so that each repository serves the same snapshot as before.",
                "Says what it did and what it could not (a name Parceler refuses, a freeze naming a missing folder, jobs"
                        + " still queued). Running it again changes nothing. Only for the local disk."})
final class ImportLaravelCommand implements Callable<Integer> {
    private final Supplier<RepositoryStore> repositories;
    private final Supplier<SnapshotFreeze> freezes;
    private final Supplier<TrustedKeyStore> trustedKeys;
    private final Supplier<SnapshotChanges> changes;
    private final Supplier<Volume> volume;
    private final Settings settings;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<database>", description = "The Laravel database file (database/database.sqlite).")
    Path database;

    @Option(names = "--storage", paramLabel = "DIR",
            description = "The Laravel storage folder holding source/ and snapshots/ (storage/app). Default: Parceler's own"
                    + " STORAGE_ROOT, where the Laravel folders already are when the volume was kept.")
    Path storage;

    @Option(names = "--env", paramLabel = "FILE",
            description = "The Laravel .env: each variable is said to be taken, renamed (with its new name), not needed or"
                    + " unknown. Values are not printed, nor copied.")
    Path env;

    @Option(names = "--dry-run", description = "Print what would be done; change nothing.")
    boolean dryRun;

    ImportLaravelCommand(Supplier<RepositoryStore> repositories, Supplier<SnapshotFreeze> freezes,
            Supplier<TrustedKeyStore> trustedKeys, Supplier<SnapshotChanges> changes, Supplier<Volume> volume,
            Settings settings) {
        this.repositories = repositories;
        this.freezes = freezes;
        this.trustedKeys = trustedKeys;
        this.changes = changes;
        this.volume = volume;
        this.settings = settings;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path root = volume.get().localRoot()
                .orElseThrow(() -> new MoveInFailure("import:laravel takes snapshots into the local disk only; with FILESYSTEM_DISK=s3,"
                        + " create the repositories (repo:create) and sync them."));
        if (env != null) {
            if (!Files.isRegularFile(env)) {
                throw new MoveInFailure("There is no .env file at " + env + ".");
            }
            Map<String, String> values = new TreeMap<>();
            Dotenv read = Dotenv.configure().directory(env.toAbsolutePath().getParent().toString())
                    .filename(env.getFileName().toString()).ignoreIfMalformed().load();
            for (DotenvEntry entry : read.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                values.put(entry.getKey(), "");
            }
            out.println("Laravel .env (" + values.size() + " variables):");
            LaravelEnv.report(values).forEach(line -> out.println("  " + line));
        }
        MoveIn moveIn = new MoveIn(repositories.get(), freezes.get(),
                new SnapshotAdoption(new FeedCheck(settings.limits().feedIndexBytes(), trustedKeys.get()::keyring)),
                changes.get(), root, settings.storage().sourceFolder(), settings.storage().snapshotFolder());
        try (LaravelDatabase laravel = LaravelDatabase.open(database)) {
            moveIn.run(laravel, storage == null ? root : storage, dryRun, line -> {
                out.println(line);
                out.flush();
            });
        }
        return 0;
    }
}
