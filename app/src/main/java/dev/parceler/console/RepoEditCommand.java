package dev.parceler.console;

import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryRules;
import dev.parceler.repository.RepositorySettings;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.signature.KeyFiles;
import dev.parceler.signature.Keyring;
import dev.parceler.signature.TrustedKeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "repo:edit", mixinStandardHelpOptions = true,
        description = {"Change a repository's sync command, source folder, delay, content comparison, feed check, delay policy"
                        + " or trusted keys.",
                "The options change only what they name. Without any, a terminal is asked each question of"
                        + " repo:create with the current value as the answer to keep (Enter)."
                        + " The next sync and snapshot use the new values; snapshots already made stay as they are."})
final class RepoEditCommand extends RepositoryCommand {
    private final Terminal terminal;

    @Mixin
    RepositoryOptions options;

    @Option(names = "--no-trusted-keys", description = "Trust no key: the repository's signatures are no longer checked.")
    boolean noTrustedKeys;

    private final Supplier<TrustedKeyStore> trustedKeys;

    RepoEditCommand(Supplier<RepositoryStore> repositories, Supplier<TrustedKeyStore> trustedKeys, Terminal terminal) {
        super(repositories);
        this.trustedKeys = trustedKeys;
        this.terminal = terminal;
    }

    @Override
    int run(Repository repository) {
        if (noTrustedKeys && options.trustedKeys != null) {
            throw new ConsoleFailure("Give --trusted-key or --no-trusted-keys, not both.");
        }
        RepositorySettings before = RepositorySettings.of(repository);
        RepositorySettings after = options.noneGiven() && !noTrustedKeys ? asked(before) : given(before);
        List<String> changes = changes(before, after);
        Keyring keysBefore = trustedKeys.get().keyring(name);
        Optional<Keyring> keysAfter = options.trustedKeys != null ? Optional.of(new Keyring(KeyFiles.read(options.trustedKeys)))
                : noTrustedKeys ? Optional.of(Keyring.NONE) : Optional.empty();
        keysAfter.filter(keys -> !keys.ids().equals(keysBefore.ids()))
                .ifPresent(keys -> changes.add(keys.isEmpty() ? "signatures not checked" : "trusted keys " + keys.ids()));
        if (changes.isEmpty()) {
            out().println("Repository '" + name + "' is unchanged.");
            return 0;
        }
        if (!after.equals(before) && !repositories.get().edit(name, after)) {
            throw new dev.parceler.repository.RepositoryNotFoundException(name);
        }
        keysAfter.ifPresent(keys -> trustedKeys.get().replace(name, keys.keys()));
        out().println("Repository '" + name + "' updated: " + String.join(", ", changes) + ".");
        return 0;
    }

    /** Every value checked before anything is written: one bad option changes nothing. */
    private RepositorySettings given(RepositorySettings current) {
        return new RepositorySettings(
                options.command == null ? current.command() : RepositoryRules.command(options.command),
                options.sourceFolder == null ? current.subDir() : RepositoryRules.subDir(options.sourceFolder),
                options.delay == null ? current.delay() : RepositoryRules.delay(options.delay),
                options.compareContent == null ? current.compareContent() : options.compareContent,
                options.feedCheck == null ? current.feedCheck() : options.feedCheck,
                options.policy == null ? current.policy() : RepositoryRules.policy(options.policy));
    }

    private RepositorySettings asked(RepositorySettings current) {
        if (!terminal.interactive()) {
            throw new ConsoleFailure("Nothing to change: give --command, --source-folder, --delay, --[no-]compare-content,"
                    + " --[no-]feed-check, --policy, --trusted-key or --no-trusted-keys (there is no terminal to ask).");
        }
        String unchanged = "nothing was changed.";
        String chosenCommand = terminal.askUntilValid(RepoCreateCommand.ASK_COMMAND, current.command(),
                RepositoryRules::command, unchanged);
        Optional<String> chosenFolder = terminal.askUntilValid(RepoCreateCommand.ASK_SOURCE_FOLDER
                        + " (a single '-' for none)", current.subDir().orElse("-"),
                raw -> RepositoryRules.subDir(raw.strip().equals("-") ? "" : raw), unchanged);
        int chosenDelay = terminal.askUntilValid(RepoCreateCommand.ASK_DELAY, Integer.toString(current.delay()),
                RepositoryRules::delay, unchanged);
        return new RepositorySettings(chosenCommand, chosenFolder, chosenDelay, current.compareContent(), current.feedCheck(),
                current.policy());
    }

    private static List<String> changes(RepositorySettings before, RepositorySettings after) {
        List<String> changes = new ArrayList<>();
        if (!before.command().equals(after.command())) {
            changes.add("command");
        }
        if (!before.subDir().equals(after.subDir())) {
            changes.add("source folder '" + before.subDir().orElse("") + "' -> '" + after.subDir().orElse("") + "'");
        }
        if (before.delay() != after.delay()) {
            changes.add("delay " + before.delay() + " -> " + after.delay() + " days");
        }
        if (before.compareContent() != after.compareContent()) {
            changes.add(after.compareContent() ? "compare content" : "compare size and time");
        }
        if (before.feedCheck() != after.feedCheck()) {
            changes.add(after.feedCheck() ? "feed check on" : "feed check off");
        }
        if (before.policy() != after.policy()) {
            changes.add("policy " + before.policy().label() + " -> " + after.policy().label());
        }
        return changes;
    }
}
