package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.Repository;
import dev.parceler.snapshot.ServedSnapshot.Reason;
import dev.parceler.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StablePathSelectorTest {
    private final MovableClock clock = MovableClock.at("2026-11-21T12:00:00Z");
    private final StablePathSelector selector = new StablePathSelector(clock);

    private static Repository repository(int delay, String freeze) {
        return new Repository(1, "base", "true", Optional.empty(), delay, Optional.ofNullable(freeze), false,
                Instant.EPOCH, Instant.EPOCH);
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
}
