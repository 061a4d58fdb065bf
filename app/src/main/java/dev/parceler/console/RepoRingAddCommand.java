package dev.parceler.console;

import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryRules;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.repository.Ring;
import dev.parceler.repository.RingStore;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "repo:ring:add", mixinStandardHelpOptions = true,
        description = {"Add a rollout ring to a repository: its machines get the snapshot of the ring's delay.",
                "A machine is in the first ring that lists it, else in the ring whose share of the percentages (in"
                        + " order) holds its hash; machines in no ring get the repository's delay."})
final class RepoRingAddCommand extends RepositoryCommand {
    @Parameters(index = "1", paramLabel = "<ring>", description = "The ring's name: letters, digits, '-' and '_'.")
    String ring;

    @Mixin
    RingOptions options;

    @Option(names = "--position", paramLabel = "N", description = "Place among the rings, from 1 (default: last).")
    Integer position;

    private final Supplier<RingStore> rings;

    RepoRingAddCommand(Supplier<RepositoryStore> repositories, Supplier<RingStore> rings) {
        super(repositories);
        this.rings = rings;
    }

    @Override
    int run(Repository repository) {
        if (options.delay == null) {
            throw new ConsoleFailure("Missing --delay: every ring has a delay of its own.");
        }
        // Every value checked before anything is written: one bad option changes nothing.
        Ring added = new Ring(RepositoryRules.ringName(ring), 0, RepositoryRules.delay(options.delay),
                options.percent == null ? 0 : RepositoryRules.percent(options.percent),
                options.machines == null ? Set.of() : RepositoryRules.machines(options.machines));
        added = rings.get().add(name, added, position == null ? Integer.MAX_VALUE : position);
        out().println("Ring '" + added.name() + "' added to '" + name + "' at position " + added.position()
                + ": " + RepoRingListCommand.describe(added) + ".");
        return 0;
    }
}
