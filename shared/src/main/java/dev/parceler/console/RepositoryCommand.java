package dev.parceler.console;

import dev.parceler.Installation;
import dev.parceler.repository.Repository;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A console command about one repository, named by its first parameter. The repository is looked
 * up before the command's own work, so an unknown name gets the console's one error for it
 * ("Repository 'x' not found.") and changes nothing.
 */
abstract class RepositoryCommand implements Callable<Integer> {
    final Installation installation;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The repository.")
    String name;

    RepositoryCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public final Integer call() throws Exception {
        return run(installation.repositories().get(name));
    }

    /** The command's work on the repository found; its exit code. */
    abstract int run(Repository repository) throws Exception;

    /** Where the command's answer goes. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
