package dev.parceler.console;

import dev.parceler.config.BackupSettings;
import dev.parceler.config.S3Settings;
import dev.parceler.storage.BackupShelf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "db:backups", mixinStandardHelpOptions = true,
        description = {"List the scheduled backups kept (BACKUP_DIR, or the bucket's backups/ folder with BACKUP_DISK=s3),"
                + " newest first.",
                "With --fetch NAME, a backup kept in the bucket is downloaded into BACKUP_DIR, for 'parceler db:restore'."})
final class DbBackupsCommand implements Callable<Integer> {
    private final BackupSettings backups;
    private final Optional<S3Settings> s3;

    @Spec
    CommandSpec spec;

    @Option(names = "--fetch", paramLabel = "NAME", description = "The backup to make a file of this machine, e.g. parceler-20261121T030000Z.sqlite.")
    String fetch;

    DbBackupsCommand(BackupSettings backups, Optional<S3Settings> s3) {
        this.backups = backups;
        this.s3 = s3;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (BackupShelf shelf = BackupShelf.open(backups, s3)) {
            if (fetch != null) {
                Path file;
                try {
                    file = shelf.fetch(fetch.strip());
                } catch (NoSuchFileException e) {
                    throw new ConsoleFailure("There is no backup '" + fetch.strip() + "' in " + shelf.describe()
                            + " (parceler db:backups lists them).");
                }
                out.println("Backup " + file.getFileName() + " is " + file + ". Restore it with: parceler db:restore " + file + " --force");
                return 0;
            }
            List<String> names = shelf.names();
            out.println(names.isEmpty() ? "No backup in " + shelf.describe() + "." : names.size() + " backups in " + shelf.describe() + ":");
            names.forEach(name -> out.println("  " + name));
        }
        return 0;
    }
}
