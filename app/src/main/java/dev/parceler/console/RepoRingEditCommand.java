package dev.parceler.console;

import dev.parceler.repository.InvalidRepositoryException;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryRules;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.repository.Ring;
import dev.parceler.repository.RingStore;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "repo:ring:edit", mixinStandardHelpOptions = true,
        description = "Change a rollout ring's delay, share or listed machines; the options change only what they name.")
final class RepoRingEditCommand extends RepositoryCommand {
    @Parameters(index = "1", paramLabel = "<ring>", description = "The ring.")
    String ring;

    @Mixin
    RingOptions options;

    private final Supplier<RingStore> rings;

    RepoRingEditCommand(Supplier<RepositoryStore> repositories, Supplier<RingStore> rings) {
        super(repositories);
        this.rings = rings;
    }

    @Override
    int run(Repository repository) {
        Ring current = rings.get().find(name, ring)
                .orElseThrow(() -> new InvalidRepositoryException("Repository '" + name + "' has no ring named '" + ring + "'."));
        if (options.delay == null && options.percent == null && options.machines == null) {
            throw new ConsoleFailure("Nothing to change: give --delay, --percent or --machines.");
        }
        Ring changed = new Ring(current.name(), current.position(),
                options.delay == null ? current.delay() : RepositoryRules.delay(options.delay),
                options.percent == null ? current.percent() : RepositoryRules.percent(options.percent),
                options.machines == null ? current.machines() : RepositoryRules.machines(options.machines));
        rings.get().edit(name, changed);
        out().println("Ring '" + ring + "' of '" + name + "' updated: " + RepoRingListCommand.describe(changed) + ".");
        return 0;
    }
}
