package dev.parceler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.Background;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real {@code parceler scheduler} processes: one sync per repository per tick, across a restart and a second scheduler. */
class SchedulerIT {
    @TempDir
    Path home;

    @Test
    @SuppressWarnings("try") // the schedulers run for the block
    void oneSyncPerRepositoryPerTickAcrossARestartAndTwoSchedulers() throws Exception {
        Map<String, String> environment = Map.of("APP_TIMEZONE", "UTC", "SYNC_SCHEDULE", "*/2 * * * * *");
        try (TestInstallation parceler = TestInstallation.in(home)) {
            parceler.env("APP_TIMEZONE", "UTC");
            parceler.createRepository("base", 7);
            parceler.createRepository("extra", 7);

            try (Background first = Background.start(home, environment, "scheduler-1", "scheduler")) {
                Eventually.await(Duration.ofSeconds(30), "two ticks", () -> ticks(parceler).size() >= 2);
                assertThat(first.stop()).as("stopped by SIGTERM (128 + 15)").isIn(0, 143);
            }
            int beforeRestart = ticks(parceler).size();
            try (Background again = Background.start(home, environment, "scheduler-2", "scheduler");
                    Background another = Background.start(home, environment, "scheduler-3", "scheduler")) {
                Eventually.await(Duration.ofSeconds(30), "three more ticks", () -> ticks(parceler).size() >= beforeRestart + 3);
                // Stopped as an operator stops them: a tick under way is finished (closing would SIGKILL them,
                // and a scheduler killed between two repositories of a tick leaves the second to the next tick).
                assertThat(again.stop()).as("stopped by SIGTERM (128 + 15)").isIn(0, 143);
                assertThat(another.stop()).as("stopped by SIGTERM (128 + 15)").isIn(0, 143);
            }

            List<String> names = parceler.jobNames(null);
            assertThat(names).as("no tick enqueued twice for a repository").doesNotHaveDuplicates();
            for (String tick : ticks(parceler)) {
                assertThat(names).contains("sync base @ " + tick, "sync extra @ " + tick);
            }
        }
    }

    private static Set<String> ticks(TestInstallation parceler) {
        return parceler.jobNames(null).stream()
                .map(name -> name.substring(name.indexOf(" @ ") + 3))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
