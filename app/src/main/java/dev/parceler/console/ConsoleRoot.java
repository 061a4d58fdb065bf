package dev.parceler.console;

import dev.parceler.Installation;
import dev.parceler.admin.AdminSessions;
import dev.parceler.admin.AdminStore;
import dev.parceler.admin.PasswordHash;
import dev.parceler.audit.AuditLog;
import dev.parceler.config.LogLevel;
import dev.parceler.config.Settings;
import dev.parceler.database.Database;
import dev.parceler.maintenance.MaintenanceStore;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.repository.RingStore;
import dev.parceler.signature.TrustedKeyStore;
import dev.parceler.snapshot.MachineSightings;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotChanges;
import dev.parceler.snapshot.SnapshotDiff;
import dev.parceler.snapshot.SnapshotFreeze;
import dev.parceler.snapshot.SnapshotRollback;
import dev.parceler.storage.Disk;
import dev.parceler.sync.JobQueue;
import dev.parceler.sync.RunHistory;
import dev.parceler.volume.Volume;
import java.io.InputStream;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The composition root of the console's commands: each {@code parceler} command of this package
 * with the parts of the installation it uses, and nothing else. A part comes as a supplier, so it is
 * built when the command first uses it: {@code --help} and {@code key:generate} open no database,
 * and a command that reads the database does not open the volume. The process commands
 * ({@code serve}, {@code worker}, {@code scheduler}) are added by the app's root on the console
 * built here.
 */
public final class ConsoleRoot {
    private ConsoleRoot() {
    }

    /**
     * @param environment the console process's own environment: who the operator is for the audit,
     *     and the variables a backup or a restore passes on
     * @param in where {@code --password-stdin} reads an admin's password
     */
    public static Console console(Installation installation, Terminal terminal, Map<String, String> environment,
            InputStream in, PrintWriter out, PrintWriter err) {
        Settings settings = installation.settings();
        Clock clock = installation.clock();
        Supplier<Database> database = installation::database;
        Supplier<Volume> volume = installation::volume;
        Supplier<Disk> disk = () -> installation.volume().disk();
        Supplier<RepositoryStore> repositories = () -> installation.repositoryComponents().repositories();
        Supplier<RingStore> rings = () -> installation.repositoryComponents().rings();
        Supplier<SnapshotCatalog> snapshots = () -> installation.snapshotComponents().catalog();
        Supplier<SnapshotFreeze> freezes = () -> installation.snapshotComponents().freezes();
        Supplier<SnapshotDiff> diffs = () -> installation.snapshotComponents().diffs();
        Supplier<SnapshotRollback> rollbacks = () -> installation.snapshotComponents().rollbacks();
        Supplier<TrustedKeyStore> trustedKeys = () -> installation.snapshotComponents().trustedKeys();
        Supplier<MachineSightings> sightings = () -> installation.snapshotComponents().sightings();
        Supplier<SnapshotChanges> changes = () -> installation.snapshotComponents().changes();
        Supplier<RunHistory> runs = () -> installation.jobs().runs();
        Supplier<JobQueue> queue = () -> installation.jobs().queue();
        Supplier<AuditLog> audit = installation::audit;
        Supplier<MaintenanceStore> maintenance = installation::maintenance;
        Supplier<AdminStore> admins = () -> new AdminStore(installation.database().dataSource(), new PasswordHash(new SecureRandom()),
                clock);
        Supplier<AdminSessions> sessions = () -> new AdminSessions(installation.database().dataSource(), new SecureRandom(),
                settings.console().sessionLifetime(), clock);

        return new Console(settings.logLevel() == LogLevel.DEBUG, out, err)
                .add("migrate", MigrateCommand.class, () -> new MigrateCommand(database, settings.database()))
                .add("key:generate", KeyGenerateCommand.class, () -> new KeyGenerateCommand(settings, new SecureRandom()))
                .add("repo:create", RepoCreateCommand.class, () -> new RepoCreateCommand(repositories, trustedKeys, queue, terminal),
                        "repository:create")
                .add("repo:edit", RepoEditCommand.class, () -> new RepoEditCommand(repositories, trustedKeys, terminal),
                        "repository:edit")
                .add("repo:delete", RepoDeleteCommand.class, () -> new RepoDeleteCommand(repositories, database, disk, clock,
                        settings.storage().sourceFolder(), settings.storage().snapshotFolder(), terminal), "repository:delete")
                .add("repo:list", RepoListCommand.class, () -> new RepoListCommand(repositories, rings, snapshots, trustedKeys),
                        "repository:list")
                .add("repo:freeze", RepoFreezeCommand.class, () -> new RepoFreezeCommand(repositories, freezes, audit, environment),
                        "repository:freeze")
                .add("repo:unfreeze", RepoUnfreezeCommand.class,
                        () -> new RepoUnfreezeCommand(repositories, freezes, runs, audit, environment), "repository:unfreeze")
                .add("repo:rollback", RepoRollbackCommand.class,
                        () -> new RepoRollbackCommand(repositories, rollbacks, runs, environment), "repository:rollback")
                .add("repo:diff", RepoDiffCommand.class, () -> new RepoDiffCommand(repositories, diffs), "repository:diff")
                .add("import:laravel", ImportLaravelCommand.class,
                        () -> new ImportLaravelCommand(repositories, freezes, trustedKeys, changes, volume, settings))
                .add("notify:test", NotifyTestCommand.class, () -> new NotifyTestCommand(database, settings.notices(), clock))
                .add("repo:files", RepoFilesCommand.class, () -> new RepoFilesCommand(repositories, disk, snapshots),
                        "repository:files", "repository:list-files")
                .add("repo:snapshots", RepoSnapshotsCommand.class, () -> new RepoSnapshotsCommand(repositories, snapshots),
                        "repository:snapshots", "snapshot:list")
                .add("repo:sync", RepoSyncCommand.class, () -> new RepoSyncCommand(repositories, queue), "repository:sync")
                .add("repo:release", RepoReleaseCommand.class, () -> new RepoReleaseCommand(repositories, queue, audit,
                        RepoReleaseCommand.RELEASED, environment), "repository:release")
                .add("repo:milestone", RepoMilestoneCommand.class,
                        () -> new RepoMilestoneCommand(repositories, queue, audit, environment), "repository:milestone")
                .add("repo:runs", RepoRunsCommand.class, () -> new RepoRunsCommand(repositories, runs, audit, settings.timezone()),
                        "repository:runs")
                .add("repo:ring:add", RepoRingAddCommand.class, () -> new RepoRingAddCommand(repositories, rings),
                        "repository:ring:add")
                .add("repo:ring:edit", RepoRingEditCommand.class, () -> new RepoRingEditCommand(repositories, rings),
                        "repository:ring:edit")
                .add("repo:ring:remove", RepoRingRemoveCommand.class, () -> new RepoRingRemoveCommand(repositories, rings),
                        "repository:ring:remove")
                .add("repo:ring:list", RepoRingListCommand.class, () -> new RepoRingListCommand(repositories, rings, snapshots),
                        "repository:ring:list")
                .add("repo:halt", RepoHaltCommand.class, () -> new RepoHaltCommand(repositories), "repository:halt")
                .add("repo:fleet", RepoFleetCommand.class, () -> new RepoFleetCommand(repositories, sightings, clock),
                        "repository:fleet")
                .add("repo:resume", RepoResumeCommand.class, () -> new RepoResumeCommand(repositories), "repository:resume")
                .add("down", DownCommand.class, () -> new DownCommand(maintenance))
                .add("up", UpCommand.class, () -> new UpCommand(maintenance))
                .add("db:backup", DbBackupCommand.class, () -> new DbBackupCommand(database, settings.database(), environment))
                .add("db:restore", DbRestoreCommand.class, () -> new DbRestoreCommand(settings.database(), clock, environment))
                .add("db:backups", DbBackupsCommand.class, () -> new DbBackupsCommand(settings.backups(), settings.storage().s3()))
                .add("db:copy", DbCopyCommand.class, () -> new DbCopyCommand(database, settings.database()))
                .add("admin:create", AdminCommands.Create.class, () -> new AdminCommands.Create(admins, in))
                .add("admin:list", AdminCommands.ListAdmins.class, () -> new AdminCommands.ListAdmins(admins, settings.timezone()))
                .add("admin:delete", AdminCommands.Delete.class, () -> new AdminCommands.Delete(admins))
                .add("admin:password", AdminCommands.Password.class, () -> new AdminCommands.Password(admins, sessions, in))
                .add("health", HealthCommand.class, () -> new HealthCommand(() -> installation.health().heartbeats(),
                        () -> installation.health().liveness(), settings.http().host(), settings.http().port()));
    }
}
