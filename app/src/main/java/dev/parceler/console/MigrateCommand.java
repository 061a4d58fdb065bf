package dev.parceler.console;

import dev.parceler.config.DatabaseSettings;
import dev.parceler.database.Database;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply pending database migrations (every other command does this first too).")
final class MigrateCommand implements Callable<Integer> {
    private final Supplier<Database> database;
    private final DatabaseSettings databaseSettings;

    @Spec
    CommandSpec spec;

    MigrateCommand(Supplier<Database> database, DatabaseSettings databaseSettings) {
        this.database = database;
        this.databaseSettings = databaseSettings;
    }

    @Override
    public Integer call() {
        database.get();
        spec.commandLine().getOut().println("Database " + databaseSettings.describe() + " is up to date.");
        return 0;
    }
}
