package dev.parceler.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LivenessTest {
    private final MovableClock clock = MovableClock.at("2026-12-01T10:00:00Z");
    private final Liveness liveness = new Liveness(clock, Duration.ofSeconds(1800));

    private Heartbeat beat(ProcessKind kind, Duration ago, Optional<Instant> busySince, Optional<Instant> dueAt) {
        Instant now = clock.instant();
        return new Heartbeat(kind, "host-1", 7, now.minus(Duration.ofHours(1)), now.minus(ago), busySince, dueAt);
    }

    @Test
    void aRecentBeatIsAlive() {
        Condition condition = liveness.of(beat(ProcessKind.SERVE, Duration.ofSeconds(9), Optional.empty(), Optional.empty()));

        assertThat(condition).isEqualTo(new Condition.Alive(Duration.ofSeconds(9)));
        assertThat(condition.healthy()).isTrue();
        assertThat(condition.describe()).isEqualTo("alive (last beat 9 s ago)");
    }

    @Test
    void noBeatForAMinuteIsSilentWhateverTheKind() {
        for (ProcessKind kind : ProcessKind.values()) {
            Heartbeat lastMinute = beat(kind, Duration.ofSeconds(60), Optional.empty(), Optional.empty());
            Heartbeat older = beat(kind, Duration.ofSeconds(61), Optional.empty(), Optional.empty());

            assertThat(liveness.of(lastMinute).healthy()).as(kind.label()).isTrue();
            assertThat(liveness.of(older)).as(kind.label()).isEqualTo(new Condition.Silent(Duration.ofSeconds(61)));
            assertThat(liveness.seen(older)).isFalse();
        }
    }

    @Test
    void aWorkerIsStuckWhenAJobOutlastsTheSyncTimeoutPlusTheMargin() {
        Instant now = clock.instant();
        Heartbeat withinMargin = beat(ProcessKind.WORKER, Duration.ofSeconds(2),
                Optional.of(now.minus(Duration.ofSeconds(1800)).minus(Liveness.JOB_MARGIN)), Optional.empty());
        Heartbeat past = beat(ProcessKind.WORKER, Duration.ofSeconds(2),
                Optional.of(now.minus(Duration.ofSeconds(1801)).minus(Liveness.JOB_MARGIN)), Optional.empty());

        assertThat(liveness.of(withinMargin).healthy()).isTrue();
        assertThat(liveness.of(past)).isInstanceOf(Condition.Stuck.class);
        assertThat(liveness.of(past).describe())
                .isEqualTo("stuck: a job has run for 40 min, longer than SYNC_TIMEOUT (1800 s) plus 10 min");
        assertThat(liveness.seen(past)).as("a stuck worker was still seen").isTrue();
    }

    @Test
    void aSchedulerIsStuckWhenItsTickIsTwoMinutesOverdue() {
        Instant now = clock.instant();
        Heartbeat late = beat(ProcessKind.SCHEDULER, Duration.ofSeconds(5), Optional.empty(), Optional.of(now.minusSeconds(119)));
        Heartbeat missed = beat(ProcessKind.SCHEDULER, Duration.ofSeconds(5), Optional.empty(), Optional.of(now.minusSeconds(121)));

        assertThat(liveness.of(late).healthy()).isTrue();
        assertThat(liveness.of(missed).describe()).isEqualTo("stuck: the tick of 2026-12-01T09:57:59Z is 2 min overdue and not handled");
    }

    @Test
    void onlyEachKindsOwnWorkCounts() {
        Instant longAgo = clock.instant().minus(Duration.ofDays(1));

        assertThat(liveness.of(beat(ProcessKind.SCHEDULER, Duration.ZERO, Optional.of(longAgo), Optional.empty())).healthy()).isTrue();
        assertThat(liveness.of(beat(ProcessKind.WORKER, Duration.ZERO, Optional.empty(), Optional.of(longAgo))).healthy()).isTrue();
    }
}
