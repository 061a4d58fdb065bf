package dev.parceler.console;

import dev.parceler.failure.ExplainedFailure;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * {@code parceler <command>}: the commands added by the console's root ({@link ConsoleRoot}), each
 * built by picocli when it runs or its help is asked for, never before, so that a command's
 * collaborators (the database, the volume) are opened only by the command that uses them. Each
 * command exits 0 on success and 1 on failure with a single line on standard error; a stack
 * trace is printed only with {@code LOG_LEVEL=debug}.
 */
public final class Console {
    private final CommandBuilds builds = new CommandBuilds();
    private final CommandLine commandLine;
    private final boolean debug;

    /** @param debug whether a failure prints its stack trace ({@code LOG_LEVEL=debug}) */
    public Console(boolean debug, PrintWriter out, PrintWriter err) {
        this.debug = debug;
        this.commandLine = new CommandLine(new ParcelerCommand(), builds);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(executionFailure());
        commandLine.setParameterExceptionHandler(parameterFailure());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Adds {@code parceler <name>}, built by {@code build} with its collaborators when it is run. */
    public <T> Console add(String name, Class<T> type, Supplier<? extends T> build, String... aliases) {
        builds.add(type, build);
        commandLine.addSubcommand(name, type, aliases);
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

    /**
     * picocli's factory: a command of the console from the build its root gave, anything else
     * picocli needs (an option's mixin, a converter) as picocli builds it.
     */
    private static final class CommandBuilds implements CommandLine.IFactory {
        private final Map<Class<?>, Supplier<?>> builds = new HashMap<>();

        void add(Class<?> type, Supplier<?> build) {
            if (builds.putIfAbsent(type, build) != null) {
                throw new IllegalArgumentException(type.getSimpleName() + " is added twice");
            }
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            Supplier<?> build = builds.get(type);
            return build == null ? CommandLine.defaultFactory().create(type) : type.cast(build.get());
        }
    }
}
