package dev.parceler.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parceler.repository.DelayPolicy;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.repository.RingStore;
import dev.parceler.signature.TrustedKey;
import dev.parceler.signature.TrustedKeyStore;
import dev.parceler.snapshot.SnapshotCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "repo:list", mixinStandardHelpOptions = true,
        description = "List the repositories with their delay ('7 (strict)' under the strict policy; the number of rollout rings; '(halted)' while repo:halt holds them), freeze ('Yes (rollback)' for a rollback) and the snapshot each one serves now; below the table, the repositories whose feed signatures are not checked (no --trusted-key).")
final class RepoListCommand implements Callable<Integer> {
    static final String NOTHING_SERVED = "(none)";

    private final Supplier<RepositoryStore> repositories;
    private final Supplier<RingStore> rings;
    private final Supplier<SnapshotCatalog> snapshots;
    private final Supplier<TrustedKeyStore> trustedKeys;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array instead of the table.")
    boolean json;

    RepoListCommand(Supplier<RepositoryStore> repositories, Supplier<RingStore> rings,
            Supplier<SnapshotCatalog> snapshots, Supplier<TrustedKeyStore> trustedKeys) {
        this.repositories = repositories;
        this.rings = rings;
        this.snapshots = snapshots;
        this.trustedKeys = trustedKeys;
    }

    /** One repository as {@code repo:list --json} prints it: a wire format that scripts read. */
    record Listing(
            @JsonProperty("name") String name,
            @JsonProperty("command") String command,
            @JsonProperty("sub_dir") String subDir,
            @JsonProperty("delay") int delay,
            @JsonProperty("frozen") boolean frozen,
            @JsonProperty("freeze") String freeze,
            @JsonProperty("serving") String serving,
            @JsonProperty("compare_content") boolean compareContent,
            @JsonProperty("feed_check") boolean feedCheck,
            @JsonProperty("rollback") boolean rollback,
            @JsonProperty("policy") String policy,
            @JsonProperty("released") String released,
            @JsonProperty("halted") String halted,
            @JsonProperty("rings") List<RepoRingListCommand.RingListing> rings,
            @JsonProperty("fast_lane") FastLaneListing fastLane,
            @JsonProperty("trusted_keys") List<String> trustedKeys) {
    }

    /** A fast lane as {@code repo:list --json} prints it. */
    record FastLaneListing(@JsonProperty("path") String path, @JsonProperty("snapshot") String snapshot) {
    }

    @Override
    public Integer call() throws JsonProcessingException {
        SnapshotCatalog catalog = snapshots.get();
        List<Listing> listings = new ArrayList<>();
        java.util.Set<String> checked = trustedKeys.get().checked();
        List<String> unchecked = new ArrayList<>();
        for (Repository repository : repositories.get().all()) {
            List<String> keys = checked.contains(repository.name())
                    ? trustedKeys.get().keyring(repository.name()).keys().stream().map(TrustedKey::id).toList() : List.of();
            if (keys.isEmpty() && repository.feedCheck()) {
                unchecked.add(repository.name());
            }
            listings.add(new Listing(repository.name(), repository.command(), repository.subDir().orElse(null),
                    repository.delay(), repository.frozen(), repository.freeze().orElse(null),
                    catalog.servedPath(repository).orElse(null), repository.compareContent(), repository.feedCheck(),
                    repository.rollback(), repository.policy().label(), repository.released().orElse(null),
                    repository.halted().map(Object::toString).orElse(null), RepoRingListCommand.listings(rings.get(), catalog, repository),
                    repository.fastLane().map(lane -> new FastLaneListing(lane.path(), lane.snapshot())).orElse(null), keys));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, listings);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Listing listing : listings) {
            // The Laravel console's columns; a strict policy and a rollback are told inside them, so default setups print as before.
            String delay = listing.policy().equals(DelayPolicy.STRICT.label()) ? listing.delay() + " (strict)" : Integer.toString(listing.delay());
            delay += listing.rings().isEmpty() ? "" : ", " + listing.rings().size() + " rings";
            delay += listing.halted() == null ? "" : " (halted)";
            delay += listing.fastLane() == null ? "" : ", fast lane " + listing.fastLane().path();
            rows.add(List.of(listing.name(), delay, listing.rollback() ? "Yes (rollback)" : listing.frozen() ? "Yes" : "No",
                    listing.serving() == null ? NOTHING_SERVED : listing.serving(),
                    listing.subDir() == null ? "" : listing.subDir()));
        }
        TextTable.print(out, List.of("Name", "Delay (in days)", "Repo Frozen", "Serving Directory", "Source Folder"), rows);
        if (!unchecked.isEmpty()) {
            out.println("Feed signatures are not checked (no trusted keys) for: " + String.join(", ", unchecked)
                    + " (repo:edit NAME --trusted-key FILE).");
        }
        return 0;
    }
}
