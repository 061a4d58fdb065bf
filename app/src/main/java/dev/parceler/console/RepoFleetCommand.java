package dev.parceler.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryRules;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.MachineSightings.Sighting;
import dev.parceler.snapshot.MachineSightings;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "repo:fleet", mixinStandardHelpOptions = true,
        description = {"What each machine gets: how many machines last fetched an index from each snapshot and in each"
                + " ring, and the machines not seen for --unseen-days days.",
                "Recorded by serve on every feed index fetch, at most once a minute per machine."})
final class RepoFleetCommand extends RepositoryCommand {
    /** Shown for machines in no ring. */
    static final String REPOSITORY_DELAY = "(repository delay)";

    @Option(names = "--unseen-days", paramLabel = "DAYS", defaultValue = "7",
            description = "List the machines whose last index fetch is older than this many days (default: 7).")
    String unseenDays;

    @Option(names = "--json", description = "Print a JSON object instead of the tables.")
    boolean json;

    private final Supplier<MachineSightings> sightings;
    private final Clock clock;

    RepoFleetCommand(Supplier<RepositoryStore> repositories, Supplier<MachineSightings> sightings, Clock clock) {
        super(repositories);
        this.sightings = sightings;
        this.clock = clock;
    }

    /** {@code repo:fleet --json}: a wire format that scripts read. */
    record Fleet(@JsonProperty("repository") String repository,
            @JsonProperty("machines") int machines,
            @JsonProperty("unverified") int unverified,
            @JsonProperty("by_snapshot") Map<String, Integer> bySnapshot,
            @JsonProperty("by_ring") Map<String, Integer> byRing,
            @JsonProperty("unseen_days") int unseenDays,
            @JsonProperty("unseen") List<Unseen> unseen) {
    }

    record Unseen(@JsonProperty("system_id") String systemId, @JsonProperty("ring") String ring,
            @JsonProperty("snapshot") String snapshot, @JsonProperty("last_seen") String lastSeen,
            @JsonProperty("verified") boolean verified) {
    }

    @Override
    int run(Repository found) throws JsonProcessingException {
        int days = RepositoryRules.delay(unseenDays);
        Instant before = clock.instant().minus(Duration.ofDays(days));
        Map<String, Integer> bySnapshot = new TreeMap<>();
        Map<String, Integer> byRing = new TreeMap<>();
        List<Unseen> unseen = new ArrayList<>();
        List<Sighting> sightings = this.sightings.get().all(found.name());
        int unverified = 0;
        for (Sighting sighting : sightings) {
            unverified += sighting.verified() ? 0 : 1;
            String ring = sighting.ring().equals(MachineSightings.NO_RING) ? REPOSITORY_DELAY : sighting.ring();
            bySnapshot.merge(sighting.snapshot(), 1, Integer::sum);
            byRing.merge(ring, 1, Integer::sum);
            if (sighting.seenAt().isBefore(before)) {
                unseen.add(new Unseen(sighting.systemId(), ring, sighting.snapshot(), sighting.seenAt().toString(), sighting.verified()));
            }
        }
        PrintWriter out = out();
        if (json) {
            JsonOutput.print(out, new Fleet(found.name(), sightings.size(), unverified, bySnapshot, byRing, days, unseen));
            return 0;
        }
        out.println(sightings.size() + " machines seen fetching the indexes of '" + found.name() + "'.");
        if (unverified > 0) {
            // The community service checks a secret, not an id: such a machine is counted once per secret, by the id it sent.
            out.println(unverified + " of them by a system id their realm does not verify (community, open): marked '(unverified)'.");
        }
        TextTable.print(out, List.of("Snapshot", "Machines"), rows(bySnapshot));
        TextTable.print(out, List.of("Ring", "Machines"), rows(byRing));
        out.println(unseen.size() + " not seen for " + days + " days:");
        List<List<String>> rows = new ArrayList<>();
        for (Unseen machine : unseen) {
            rows.add(List.of(machine.systemId() + (machine.verified() ? "" : " (unverified)"), machine.ring(), machine.snapshot(),
                    machine.lastSeen()));
        }
        TextTable.print(out, List.of("System id", "Ring", "Snapshot", "Last seen"), rows);
        return 0;
    }

    private static List<List<String>> rows(Map<String, Integer> counts) {
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((name, count) -> rows.add(List.of(name, Integer.toString(count))));
        return rows;
    }
}
