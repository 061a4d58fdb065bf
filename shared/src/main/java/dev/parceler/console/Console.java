package dev.parceler.console;

import dev.parceler.Installation;
import dev.parceler.config.LogLevel;
import dev.parceler.failure.ExplainedFailure;
import java.io.PrintWriter;
import java.security.SecureRandom;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * {@code parceler <command>}: builds every console command with its collaborators and runs one.
 * Each command exits 0 on success and 1 on failure with a single line on standard error; a stack
 * trace is printed only with {@code LOG_LEVEL=debug}. Processes ({@code serve}, {@code worker},
 * {@code scheduler}) add their own commands with {@link #add}.
 */
public final class Console {
    private final CommandLine commandLine;
    private final boolean debug;

    public Console(Installation installation, Terminal terminal, PrintWriter out, PrintWriter err) {
        this.debug = installation.settings().logLevel() == LogLevel.DEBUG;
        this.commandLine = new CommandLine(new ParcelerCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(executionFailure());
        commandLine.setParameterExceptionHandler(parameterFailure());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);

        add("migrate", new MigrateCommand(installation));
        add("key:generate", new KeyGenerateCommand(installation.settings(), new SecureRandom()));
        add("repo:create", new RepoCreateCommand(installation, terminal), "repository:create");
        add("repo:edit", new RepoEditCommand(installation, terminal), "repository:edit");
        add("repo:delete", new RepoDeleteCommand(installation, terminal), "repository:delete");
        add("repo:list", new RepoListCommand(installation), "repository:list");
        add("repo:freeze", new RepoFreezeCommand(installation, System.getenv()), "repository:freeze");
        add("repo:unfreeze", new RepoUnfreezeCommand(installation, System.getenv()), "repository:unfreeze");
        add("repo:rollback", new RepoRollbackCommand(installation, System.getenv()), "repository:rollback");
        add("repo:diff", new RepoDiffCommand(installation), "repository:diff");
        add("import:laravel", new ImportLaravelCommand(installation));
        add("notify:test", new NotifyTestCommand(installation));
        add("repo:files", new RepoFilesCommand(installation), "repository:files", "repository:list-files");
        add("repo:snapshots", new RepoSnapshotsCommand(installation), "repository:snapshots", "snapshot:list");
        add("repo:sync", new RepoSyncCommand(installation), "repository:sync");
        add("repo:release", new RepoReleaseCommand(installation, RepoReleaseCommand.RELEASED, System.getenv()), "repository:release");
        add("repo:milestone", new RepoReleaseCommand(installation, RepoReleaseCommand.MILESTONE_RELEASED, System.getenv()), "repository:milestone");
        add("repo:runs", new RepoRunsCommand(installation), "repository:runs");
        add("repo:ring:add", new RepoRingAddCommand(installation), "repository:ring:add");
        add("repo:ring:edit", new RepoRingEditCommand(installation), "repository:ring:edit");
        add("repo:ring:remove", new RepoRingRemoveCommand(installation), "repository:ring:remove");
        add("repo:ring:list", new RepoRingListCommand(installation), "repository:ring:list");
        add("repo:halt", new RepoHaltCommand(installation), "repository:halt");
        add("repo:fleet", new RepoFleetCommand(installation), "repository:fleet");
        add("repo:resume", new RepoResumeCommand(installation), "repository:resume");
        add("down", new DownCommand(installation));
        add("up", new UpCommand(installation));
        add("db:backup", new DbBackupCommand(installation, System.getenv()));
        add("db:restore", new DbRestoreCommand(installation, System.getenv()));
        add("db:backups", new DbBackupsCommand(installation));
        add("db:copy", new DbCopyCommand(installation));
    }

    public Console add(String name, Object command, String... aliases) {
        commandLine.addSubcommand(name, command, aliases);
        CommandLine added = commandLine.getSubcommands().get(name);
        added.setOut(commandLine.getOut());
        added.setErr(commandLine.getErr());
        added.setExecutionExceptionHandler(commandLine.getExecutionExceptionHandler());
        added.setParameterExceptionHandler(commandLine.getParameterExceptionHandler());
        // Settings made on the root before reach only the subcommands it had then.
        added.setCaseInsensitiveEnumValuesAllowed(commandLine.isCaseInsensitiveEnumValuesAllowed());
        return this;
    }

    public int execute(String... arguments) {
        return commandLine.execute(arguments);
    }

    private IExecutionExceptionHandler executionFailure() {
        return (exception, failed, parsed) -> {
            PrintWriter err = failed.getErr();
            // A message written for the operator is printed as it is; anything else is a fault.
            if (exception instanceof ExplainedFailure) {
                err.println(exception.getMessage());
            } else {
                err.println("Error: " + oneLine(exception));
            }
            if (debug) {
                exception.printStackTrace(err);
            }
            err.flush();
            return 1;
        };
    }

    private static IParameterExceptionHandler parameterFailure() {
        return (ParameterException exception, String[] arguments) -> {
            CommandLine failed = exception.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println(oneLine(exception) + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return 1;
        };
    }

    private static String oneLine(Throwable exception) {
        String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
