package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.DelayPolicy;
import dev.parceler.repository.Repository;
import dev.parceler.snapshot.ServedSnapshot.Reason;
import dev.parceler.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StablePathSelectorTest {
    private final MovableClock clock = MovableClock.at("2026-11-21T12:00:00Z");
    private final StablePathSelector selector = new StablePathSelector(clock);

    private static Repository repository(int delay, String freeze) {
        return new Repository(1, "base", "true", Optional.empty(), delay, Optional.ofNullable(freeze), false,
                Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void afterAReleaseOlderSnapshotsAreNoLongerChosenByEitherPolicy() {
        List<String> folders = List.of("2026-11-15T00:00:00+00:00", "2026-11-18T00:00:00+00:00",
                "2026-11-21T00:00:00+00:00", "2026-11-21T06:00:00+00:00");
        Repository released = repository(7, null).withReleased("2026-11-21T00:00:00+00:00");

        assertThat(selector.select(released, folders))
                .contains(new ServedSnapshot("2026-11-21T00:00:00+00:00", Reason.WITHIN_DELAY));
        assertThat(selector.select(released.withPolicy(DelayPolicy.STRICT), folders))
                .contains(new ServedSnapshot("2026-11-21T00:00:00+00:00", Reason.OLDEST_NOT_YET_AGED));
        assertThat(StablePathSelector.releasedPast(released, "2026-11-18T00:00:00+00:00")).isTrue();
        assertThat(StablePathSelector.releasedPast(released, "2026-11-21T06:00:00+00:00")).isFalse();
        assertThat(StablePathSelector.releasedPast(repository(7, null), "2026-11-18T00:00:00+00:00")).isFalse();
    }

    @Test
    void aReleaseDoesNotHoldBackLaterSnapshotsOnceTheyAreInsideTheDelay() {
        clock.advance(java.time.Duration.ofDays(7));
        List<String> folders = List.of("2026-11-21T00:00:00+00:00", "2026-11-22T00:00:00+00:00", "2026-11-25T00:00:00+00:00");
        Repository released = repository(7, null).withReleased("2026-11-21T00:00:00+00:00");

        assertThat(selector.select(released, folders))
                .contains(new ServedSnapshot("2026-11-22T00:00:00+00:00", Reason.WITHIN_DELAY));
    }

    @Test
    void aReleasedSnapshotDeletedByHandWithNothingLaterLeavesTheOrdinaryRule() {
        List<String> folders = List.of("2026-11-15T00:00:00+00:00", "2026-11-18T00:00:00+00:00");
        Repository released = repository(7, null).withReleased("2026-11-21T00:00:00+00:00");

        assertThat(selector.select(released, folders))
                .contains(new ServedSnapshot("2026-11-15T00:00:00+00:00", Reason.WITHIN_DELAY));
    }

    @Test
    void aHaltedRolloutServesWhatItServedAtTheHaltWhateverTheTimeAndNewSnapshots() {
        List<String> folders = List.of("2026-11-15T00:00:00+00:00", "2026-11-18T00:00:00+00:00", "2026-11-21T00:00:00+00:00");
        Repository halted = repository(7, null).withHalted(clock.instant());
        clock.advance(java.time.Duration.ofDays(5));
        List<String> later = List.of("2026-11-15T00:00:00+00:00", "2026-11-18T00:00:00+00:00", "2026-11-21T00:00:00+00:00",
                "2026-11-25T00:00:00+00:00");

        assertThat(selector.select(halted, later)).contains(new ServedSnapshot("2026-11-15T00:00:00+00:00", Reason.WITHIN_DELAY));
        assertThat(selector.select(halted.withDelay(0), later))
                .contains(new ServedSnapshot("2026-11-21T00:00:00+00:00", Reason.NEWEST_PAST_DELAY));
        assertThat(selector.select(repository(7, null), folders))
                .contains(new ServedSnapshot("2026-11-21T00:00:00+00:00", Reason.WITHIN_DELAY));
    }

    @Test
    void aFreezeWinsOverARelease() {
        Repository frozen = repository(7, "2026-11-15T00:00:00+00:00").withReleased("2026-11-21T00:00:00+00:00");

        assertThat(selector.select(frozen, List.of("2026-11-15T00:00:00+00:00", "2026-11-21T00:00:00+00:00")))
                .contains(new ServedSnapshot("2026-11-15T00:00:00+00:00", Reason.FROZEN));
    }

    @Test
    void servesTheOldestSnapshotInsideTheDelay() {
        List<String> folders = List.of("2026-11-10T00:00:00+00:00", "2026-11-15T00:00:00+00:00",
                "2026-11-18T00:00:00+00:00", "2026-11-21T00:00:00+00:00");

        assertThat(selector.select(repository(7, null), folders))
                .contains(new ServedSnapshot("2026-11-15T00:00:00+00:00", Reason.WITHIN_DELAY));
    }

    @Test
    void aSnapshotExactlyDelayDaysOldIsStillInside() {
        String exactly = "2026-11-14T12:00:00+00:00";
        String oneSecondOlder = "2026-11-14T11:59:59+00:00";

        assertThat(selector.select(repository(7, null), List.of(oneSecondOlder, exactly, "2026-11-20T00:00:00+00:00")))
                .contains(new ServedSnapshot(exactly, Reason.WITHIN_DELAY));

        clock.advance(Duration.ofSeconds(1));
        assertThat(selector.select(repository(7, null), List.of(oneSecondOlder, exactly, "2026-11-20T00:00:00+00:00")))
                .as("one second later it has left the window")
                .contains(new ServedSnapshot("2026-11-20T00:00:00+00:00", Reason.WITHIN_DELAY));
    }

    @Test
    void offsetsAreComparedAsInstantsNotAsText() {
        // 13:00+02:00 is 11:00Z: older than 12:00+00:00 although it sorts after it as text.
        List<String> folders = List.of("2026-11-20T12:00:00+00:00", "2026-11-20T13:00:00+02:00");

        assertThat(selector.select(repository(7, null), folders).map(ServedSnapshot::folder))
                .contains("2026-11-20T13:00:00+02:00");
    }

    @Test
    void whenAllAreOlderThanTheDelayTheNewestIsServed() {
        List<String> folders = List.of("2026-10-01T00:00:00+00:00", "2026-11-01T00:00:00+00:00", "2026-10-15T00:00:00+00:00");

        assertThat(selector.select(repository(7, null), folders))
                .contains(new ServedSnapshot("2026-11-01T00:00:00+00:00", Reason.NEWEST_PAST_DELAY));
    }

    @Test
    void noSnapshotsServesNothing() {
        assertThat(selector.select(repository(7, null), List.of())).isEmpty();
    }

    @Test
    void customFoldersAreIgnoredUnlessFrozenTo() {
        List<String> folders = List.of("good-before-bug", "latest", "2026-11-20T00:00:00+00:00");

        assertThat(selector.select(repository(7, null), folders).map(ServedSnapshot::folder))
                .contains("2026-11-20T00:00:00+00:00");
        assertThat(selector.select(repository(7, null), List.of("good-before-bug", "latest"))).isEmpty();
        assertThat(selector.select(repository(7, "good-before-bug"), folders))
                .contains(new ServedSnapshot("good-before-bug", Reason.FROZEN));
    }

    @Test
    void aFrozenRepositoryServesItsFolderWhateverItIs() {
        assertThat(selector.select(repository(7, "2026-01-01T00:00:00+00:00"), List.of("2026-11-20T00:00:00+00:00")))
                .contains(new ServedSnapshot("2026-01-01T00:00:00+00:00", Reason.FROZEN));
        assertThat(selector.select(repository(7, "gone"), List.of()))
                .as("even when the folder is missing: the freeze is the operator's word")
                .contains(new ServedSnapshot("gone", Reason.FROZEN));
    }

    @Test
    void delayZeroServesTheNewestSnapshotOnceItIsTaken() {
        List<String> folders = List.of("2026-11-20T00:00:00+00:00", "2026-11-21T12:00:00+00:00");

        assertThat(selector.select(repository(0, null), folders))
                .contains(new ServedSnapshot("2026-11-21T12:00:00+00:00", Reason.WITHIN_DELAY));
        clock.advance(Duration.ofMinutes(1));
        assertThat(selector.select(repository(0, null), folders))
                .contains(new ServedSnapshot("2026-11-21T12:00:00+00:00", Reason.NEWEST_PAST_DELAY));
    }

    /** The two policies side by side; the clock stands at 2026-11-21T12:00:00Z; times are 2026, UTC. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a daily feed                  | 7 | 11-10T00, 11-15T00, 11-18T00, 11-21T00 | 11-15T00 WITHIN_DELAY      | 11-10T00 AGED_PAST_DELAY
            a first sync after an outage  | 7 | 11-01T00, 11-21T00                     | 11-21T00 WITHIN_DELAY      | 11-01T00 AGED_PAST_DELAY
            only a new snapshot           | 7 | 11-21T00                               | 11-21T00 WITHIN_DELAY      | 11-21T00 OLDEST_NOT_YET_AGED
            two new snapshots             | 7 | 11-20T00, 11-21T00                     | 11-20T00 WITHIN_DELAY      | 11-20T00 OLDEST_NOT_YET_AGED
            exactly the delay old         | 7 | 11-14T12, 11-20T00                     | 11-14T12 WITHIN_DELAY      | 11-14T12 AGED_PAST_DELAY
            all past the delay            | 7 | 10-01T00, 11-01T00                     | 11-01T00 NEWEST_PAST_DELAY | 11-01T00 AGED_PAST_DELAY
            delay zero                    | 0 | 11-20T00, 11-21T12                     | 11-21T12 WITHIN_DELAY      | 11-21T12 AGED_PAST_DELAY
            """)
    void policies(String scenario, int delay, String folders, String window, String strict) {
        List<String> names = java.util.Arrays.stream(folders.split(",\\s*")).map(StablePathSelectorTest::folder).toList();

        assertThat(selector.select(repository(delay, null), names)).as("window").contains(expected(window));
        assertThat(selector.select(repository(delay, null).withPolicy(DelayPolicy.STRICT), names)).as("strict")
                .contains(expected(strict));
    }

    /**
     * How long an answer holds as time alone passes, exactly: the same answer until just before
     * {@code stableUntil}, another one at it. The clock stands at 2026-11-21T12:00:00Z.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a daily feed         | WINDOW | 7 | 11-10T00, 11-15T00, 11-18T00, 11-21T00 | 2026-11-22T00:00:00.000000001Z
            a daily feed         | STRICT | 7 | 11-10T00, 11-15T00, 11-18T00, 11-21T00 | 2026-11-22T00:00:00Z
            exactly the delay old| WINDOW | 7 | 11-14T12, 11-20T00                     | 2026-11-21T12:00:00.000000001Z
            exactly the delay old| STRICT | 7 | 11-14T12, 11-20T00                     | 2026-11-27T00:00:00Z
            only a new snapshot  | STRICT | 7 | 11-21T00                               | 2026-11-28T00:00:00Z
            all past the delay   | WINDOW | 7 | 10-01T00, 11-01T00                     | MAX
            all past the delay   | STRICT | 7 | 10-01T00, 11-01T00                     | MAX
            delay zero           | WINDOW | 0 | 11-20T00, 11-21T12                     | 2026-11-21T12:00:00.000000001Z
            """)
    void anAnswerHoldsUntilItsStableUntilAndChangesThere(String scenario, DelayPolicy policy, int delay, String folders,
            String until) {
        List<String> names = java.util.Arrays.stream(folders.split(",\\s*")).map(StablePathSelectorTest::folder).toList();
        Repository repository = repository(delay, null).withPolicy(policy);
        Optional<ServedSnapshot> now = selector.select(repository, names);

        Instant stable = selector.stableUntil(repository, names);

        assertThat(stable).isEqualTo(until.equals("MAX") ? Instant.MAX : Instant.parse(until));
        if (!stable.equals(Instant.MAX)) {
            clock.advance(Duration.between(clock.instant(), stable).minusNanos(1));
            assertThat(selector.select(repository, names)).as("just before").isEqualTo(now);
            clock.advance(Duration.ofNanos(1));
            assertThat(selector.select(repository, names)).as("at it").isNotEqualTo(now);
        }
    }

    @Test
    void aFrozenOrHaltedAnswerHoldsWhateverTheTime() {
        List<String> folders = List.of("2026-11-15T00:00:00+00:00", "2026-11-21T00:00:00+00:00");

        assertThat(selector.stableUntil(repository(7, "2026-11-15T00:00:00+00:00"), folders)).isEqualTo(Instant.MAX);
        assertThat(selector.stableUntil(repository(7, null).withHalted(clock.instant()), folders)).isEqualTo(Instant.MAX);
        assertThat(selector.stableUntil(repository(7, null), folders)).as("neither").isBefore(Instant.MAX);
    }

    @Test
    void theStrictPolicyServesNothingWithoutSnapshotsAndTheFreezeWhenFrozen() {
        assertThat(selector.select(repository(7, null).withPolicy(DelayPolicy.STRICT), List.of())).isEmpty();
        assertThat(selector.select(repository(7, "known-good").withPolicy(DelayPolicy.STRICT), List.of("2026-11-01T00:00:00+00:00")))
                .contains(new ServedSnapshot("known-good", Reason.FROZEN));
    }

    private static String folder(String monthDayHour) {
        return "2026-" + monthDayHour + ":00:00+00:00";
    }

    private static ServedSnapshot expected(String cell) {
        String[] parts = cell.split(" ");
        return new ServedSnapshot(folder(parts[0]), Reason.valueOf(parts[1]));
    }
}
