package dev.parceler.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.repository.Ring;
import dev.parceler.repository.RingStore;
import dev.parceler.snapshot.ServedSnapshot;
import dev.parceler.snapshot.SnapshotCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "repo:ring:list", mixinStandardHelpOptions = true,
        description = "List a repository's rollout rings in order, with the snapshot each one serves now.")
final class RepoRingListCommand extends RepositoryCommand {
    @Option(names = "--json", description = "Print a JSON array instead of the table.")
    boolean json;

    private final Supplier<RingStore> rings;
    private final Supplier<SnapshotCatalog> snapshots;

    RepoRingListCommand(Supplier<RepositoryStore> repositories, Supplier<RingStore> rings, Supplier<SnapshotCatalog> snapshots) {
        super(repositories);
        this.rings = rings;
        this.snapshots = snapshots;
    }

    /** One ring as {@code repo:ring:list --json} and {@code repo:list --json} print it. */
    record RingListing(
            @JsonProperty("name") String name,
            @JsonProperty("position") int position,
            @JsonProperty("delay") int delay,
            @JsonProperty("percent") int percent,
            @JsonProperty("machines") List<String> machines,
            @JsonProperty("serving") String serving) {
    }

    static List<RingListing> listings(RingStore rings, SnapshotCatalog catalog, Repository repository) {
        List<RingListing> listings = new ArrayList<>();
        for (Ring ring : rings.all(repository.name())) {
            listings.add(new RingListing(ring.name(), ring.position(), ring.delay(), ring.percent(),
                    ring.machines().stream().sorted().toList(),
                    catalog.served(repository.withDelay(ring.delay())).map(ServedSnapshot::folder).orElse(null)));
        }
        return listings;
    }

    static String describe(Ring ring) {
        return "delay " + ring.delay() + " days, " + ring.percent() + " % of the machines by hash, "
                + ring.machines().size() + " listed";
    }

    @Override
    int run(Repository found) throws JsonProcessingException {
        List<RingListing> listings = listings(rings.get(), snapshots.get(), found);
        if (json) {
            JsonOutput.print(out(), listings);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RingListing ring : listings) {
            rows.add(List.of(Integer.toString(ring.position()), ring.name(), Integer.toString(ring.delay()), ring.percent() + " %",
                    String.join(" ", ring.machines()), ring.serving() == null ? RepoListCommand.NOTHING_SERVED : ring.serving()));
        }
        TextTable.print(out(), List.of("#", "Ring", "Delay (in days)", "By hash", "Listed machines",
                "Serving snapshot"), rows);
        if (listings.isEmpty()) {
            out().println("No rings: every machine gets the repository's delay (" + found.delay() + " days).");
        }
        return 0;
    }
}
