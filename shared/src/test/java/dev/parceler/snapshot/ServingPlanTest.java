package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.FastLane;
import dev.parceler.repository.Repository;
import dev.parceler.repository.Ring;
import dev.parceler.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each group of machines is served, and what the cleanup keeps, from one plan; the clock stands at 2026-11-21T12:00:00Z. */
class ServingPlanTest {
    private static final List<String> SNAPSHOTS = List.of(folder("11-10T00"), folder("11-15T00"), folder("11-18T00"),
            folder("11-20T00"), folder("11-21T00"));
    /** A ring a day behind upstream, and one twelve days behind; the repository's own delay is 7 days. */
    private static final Map<String, Ring> RINGS = Map.of(
            "fast", new Ring("fast", 1, 1, 10, Set.of()),
            "slow", new Ring("slow", 2, 12, 10, Set.of()));

    private final MovableClock clock = MovableClock.at("2026-11-21T12:00:00Z");
    private final ServingPlan plan = new ServingPlan(new StablePathSelector(clock));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the repository's delay                   | -        | -                     | -    | packages/x86_64      | 11-15T00 | -        | 11-15T00
            a fast ring                              | -        | -                     | fast | packages/x86_64      | 11-21T00 | -        | 11-21T00
            a slow ring                              | -        | -                     | slow | packages/x86_64      | 11-10T00 | -        | 11-10T00
            a fast lane's folder                     | -        | packages/x86_64@11-21T00 | -  | packages/x86_64      | 11-15T00 | 11-21T00 | 11-21T00
            a folder inside the lane's               | -        | packages/x86_64@11-21T00 | -  | packages/x86_64/base | 11-15T00 | 11-21T00 | 11-21T00
            a folder beside the lane's               | -        | packages/x86_64@11-21T00 | -  | packages/aarch64     | 11-15T00 | 11-21T00 | 11-15T00
            the lane behind a slow ring too          | -        | packages/x86_64@11-21T00 | slow | packages/x86_64    | 11-10T00 | 11-21T00 | 11-21T00
            a ring as new as the lane                | -        | packages/x86_64@11-21T00 | fast | packages/x86_64    | 11-21T00 | -        | 11-21T00
            a ring newer than the lane               | -        | packages/x86_64@11-20T00 | fast | packages/x86_64    | 11-21T00 | -        | 11-21T00
            a freeze wins over the lane and the ring | 11-10T00 | packages/x86_64@11-21T00 | fast | packages/x86_64    | 11-10T00 | -        | 11-10T00
            a lane whose snapshot is gone            | -        | packages/x86_64@11-19T00 | -  | packages/x86_64      | 11-15T00 | -        | 11-15T00
            """)
    void eachGroupIsServedItsSnapshotAndEachFileItsFolders(String scenario, String freeze, String lane, String ring,
            String fileFolder, String served, String laneServed, String fileFrom) {
        Repository repository = repository(cell(freeze).map(ServingPlanTest::folder), cell(lane).map(ServingPlanTest::lane));

        ServingPlan.Serving serving = plan.serving(repository, cell(ring).map(RINGS::get), SNAPSHOTS).orElseThrow();

        assertThat(serving.folder()).isEqualTo(folder(served));
        assertThat(serving.lane().map(FastLane::snapshot)).isEqualTo(cell(laneServed).map(ServingPlanTest::folder));
        assertThat(serving.snapshotFor(fileFolder)).isEqualTo(folder(fileFrom));
    }

    @Test
    void anAnswerHoldsAsLongAsTheSelectorKeepsItForTheGroupsDelay() {
        Repository repository = repository(Optional.empty(), Optional.empty());

        assertThat(plan.serving(repository, Optional.empty(), SNAPSHOTS).orElseThrow().stableUntil())
                .as("the 11-15 snapshot leaves a 7-day window just after 11-22T00")
                .isEqualTo(Instant.parse("2026-11-22T00:00:00.000000001Z"));
        assertThat(plan.serving(repository, Optional.of(RINGS.get("fast")), SNAPSHOTS).orElseThrow().stableUntil())
                .as("the 11-21 snapshot leaves a 1-day window just after 11-22T00 too")
                .isEqualTo(Instant.parse("2026-11-22T00:00:00.000000001Z"));
        assertThat(plan.serving(repository, Optional.of(RINGS.get("slow")), SNAPSHOTS).orElseThrow().stableUntil())
                .isEqualTo(Instant.parse("2026-11-22T00:00:00.000000001Z"));
        assertThat(plan.serving(repository.withDelay(30), Optional.empty(), SNAPSHOTS).orElseThrow().stableUntil())
                .as("11-10 stays in a 30-day window until 12-10")
                .isEqualTo(Instant.parse("2026-12-10T00:00:00.000000001Z"));
    }

    @Test
    void nothingIsServedWithoutSnapshots() {
        assertThat(plan.serving(repository(Optional.empty(), Optional.empty()), Optional.empty(), List.of())).isEmpty();
    }

    @Test
    void theCleanupKeepsWhatEveryGroupIsServed() {
        Repository repository = repository(Optional.empty(), Optional.empty());

        assertThat(plan.servedByEveryGroup(repository, List.of(RINGS.get("fast"), RINGS.get("slow")), SNAPSHOTS))
                .containsExactlyInAnyOrder(folder("11-15T00"), folder("11-21T00"), folder("11-10T00"));
        assertThat(plan.servedByEveryGroup(repository, List.of(), SNAPSHOTS)).containsExactly(folder("11-15T00"));
        assertThat(plan.slowestWindowStart(repository, List.of(RINGS.get("fast"), RINGS.get("slow"))))
                .isEqualTo(clock.instant().minus(Duration.ofDays(12)));
        assertThat(plan.slowestWindowStart(repository, List.of())).isEqualTo(clock.instant().minus(Duration.ofDays(7)));
    }

    @Test
    void aFastLaneIsAheadWhileSomeGroupIsBehindItOrTheRepositoryIsFrozen() {
        Optional<FastLane> lane = Optional.of(lane("packages/x86_64@11-21T00"));
        Repository laned = repository(Optional.empty(), lane);

        assertThat(plan.laneAhead(laned, plan.servedByEveryGroup(laned, List.of(RINGS.get("fast")), SNAPSHOTS)))
                .as("the repository's own delay still serves 11-15").isTrue();
        assertThat(plan.laneAhead(laned.withDelay(0), plan.servedByEveryGroup(laned.withDelay(0), List.of(RINGS.get("fast")),
                SNAPSHOTS))).as("every group serves 11-21").isFalse();
        assertThat(plan.laneAhead(repository(Optional.of(folder("11-21T00")), lane), Set.of(folder("11-21T00"))))
                .as("frozen: the lane applies again after the unfreeze").isTrue();
        assertThat(plan.laneAhead(repository(Optional.empty(), Optional.empty()), Set.of(folder("11-10T00"))))
                .as("no lane").isFalse();
    }

    private static Repository repository(Optional<String> freeze, Optional<FastLane> lane) {
        Repository plain = new Repository(1, "base", "true", Optional.empty(), 7, freeze, false, Instant.EPOCH, Instant.EPOCH);
        return new Repository(plain.id(), plain.name(), plain.command(), plain.subDir(), plain.delay(), plain.freeze(),
                plain.compareContent(), plain.feedCheck(), plain.policy(), plain.rollback(), plain.released(), plain.halted(), lane,
                plain.createdAt(), plain.updatedAt());
    }

    private static Optional<String> cell(String text) {
        return text.equals("-") ? Optional.empty() : Optional.of(text);
    }

    private static FastLane lane(String cell) {
        String[] parts = cell.split("@");
        return new FastLane(parts[0], folder(parts[1]));
    }

    private static String folder(String monthDayHour) {
        return "2026-" + monthDayHour + ":00:00+00:00";
    }
}
