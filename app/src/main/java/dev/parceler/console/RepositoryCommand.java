package dev.parceler.console;

import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A console command about one repository, named by its first parameter. The repository is looked
 * up before the command's own work, so an unknown name gets the console's one error for it
 * ("Repository 'x' not found.") and changes nothing.
 */
abstract class RepositoryCommand implements Callable<Integer> {
    final Supplier<RepositoryStore> repositories;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The repository.")
    String name;

    RepositoryCommand(Supplier<RepositoryStore> repositories) {
        this.repositories = repositories;
    }

    @Override
    public final Integer call() throws Exception {
        return run(repositories.get().get(name));
    }

    /** The command's work on the repository found; its exit code. */
    abstract int run(Repository repository) throws Exception;

    /** Where the command's answer goes. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
