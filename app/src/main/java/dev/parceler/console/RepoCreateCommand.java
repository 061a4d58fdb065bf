package dev.parceler.console;

import dev.parceler.repository.DelayPolicy;
import dev.parceler.repository.InvalidRepositoryException;
import dev.parceler.repository.NewRepository;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryRules;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.signature.KeyFiles;
import dev.parceler.signature.Keyring;
import dev.parceler.signature.TrustedKey;
import dev.parceler.signature.TrustedKeyStore;
import dev.parceler.sync.JobQueue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "repo:create", mixinStandardHelpOptions = true,
        description = {"Create a repository.",
                "Asks each question on a terminal; the options answer them. Without a terminal every"
                        + " question must be answered by its option."})
final class RepoCreateCommand implements Callable<Integer> {
    static final String ASK_NAME = "What is the name of the repository?";
    static final String ASK_COMMAND = "Provide the command to be ran to sync this repository.";
    static final String ASK_SOURCE_FOLDER = "Provide the folder where the data is.";
    static final String ASK_DELAY = "Please provide how much time the repository must be kept back from upstream.";
    static final String ASK_SYNC = "Do you want to sync the repository now?";

    private final Supplier<RepositoryStore> repositories;
    private final Supplier<TrustedKeyStore> trustedKeys;
    private final Supplier<JobQueue> queue;
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME", description = "Letters, digits, '-' and '_'; unique.")
    String name;

    @Mixin
    RepositoryOptions options;

    @Option(names = "--sync", negatable = true, description = "Sync the repository now (yes at the prompt).")
    Boolean sync;

    RepoCreateCommand(Supplier<RepositoryStore> repositories, Supplier<TrustedKeyStore> trustedKeys,
            Supplier<JobQueue> queue, Terminal terminal) {
        this.repositories = repositories;
        this.trustedKeys = trustedKeys;
        this.queue = queue;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        RepositoryStore repositories = this.repositories.get();
        String chosenName = answer("--name", name, ASK_NAME, null, raw -> {
            String clean = RepositoryRules.name(raw);
            if (repositories.find(clean).isPresent()) {
                throw new InvalidRepositoryException("A repository named '" + clean + "' already exists.");
            }
            return clean;
        });
        String chosenCommand = answer("--command", options.command, ASK_COMMAND, null, RepositoryRules::command);
        Optional<String> chosenFolder = answer("--source-folder", options.sourceFolder, ASK_SOURCE_FOLDER, "", RepositoryRules::subDir);
        DelayPolicy chosenPolicy = options.policy == null ? DelayPolicy.WINDOW : RepositoryRules.policy(options.policy);
        int chosenDelay = answer("--delay", options.delay, ASK_DELAY, "7", RepositoryRules::delay);
        boolean compareContent = Boolean.TRUE.equals(options.compareContent);
        boolean feedCheck = !Boolean.FALSE.equals(options.feedCheck);
        boolean syncNow = answer("--sync/--no-sync", sync == null ? null : sync.toString(), ASK_SYNC, "yes", RepoCreateCommand::yesNo);
        List<TrustedKey> keys = options.trustedKeys == null ? List.of() : KeyFiles.read(options.trustedKeys);

        Repository repository = repositories.create(
                new NewRepository(chosenName, chosenCommand, chosenFolder, chosenDelay, compareContent, feedCheck, chosenPolicy));
        if (!keys.isEmpty()) {
            trustedKeys.get().replace(repository.name(), keys);
            spec.commandLine().getOut().println("Feeds must be signed by: " + new Keyring(keys).ids() + ".");
        }
        if (syncNow) {
            queue.get().sync(repository.name());
            spec.commandLine().getOut().println("Repository '" + repository.name() + "' created, sync will be started.");
        } else {
            spec.commandLine().getOut().println("Repository '" + repository.name() + "' created.");
        }
        return 0;
    }

    /**
     * The answer from the option when given (bad → error), else from the terminal, asked again
     * until it is valid; without a terminal, a missing option is an error.
     */
    private <T> T answer(String option, String given, String question, String fallback, Function<String, T> rule) {
        if (given != null) {
            return rule.apply(given);
        }
        if (!terminal.interactive()) {
            throw new ConsoleFailure("Missing " + option + ": there is no terminal to ask '" + question + "'");
        }
        return terminal.askUntilValid(question, fallback, rule, "nothing was created.");
    }

    static boolean yesNo(String raw) {
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "true" -> {
                return true;
            }
            case "n", "no", "false" -> {
                return false;
            }
            default -> throw new InvalidRepositoryException("Please answer yes or no, got '" + raw.trim() + "'.");
        }
    }
}
