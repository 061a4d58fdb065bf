package dev.parceler.sync;

import dev.parceler.snapshot.CopyStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One recorded run of a job on a repository. */
public record JobRun(
        long id,
        String repository,
        Kind kind,
        Optional<String> jobId,
        Instant startedAt,
        Optional<Instant> finishedAt,
        Outcome outcome,
        Optional<Integer> exitCode,
        List<String> output,
        Optional<String> message,
        Optional<String> snapshot,
        Optional<CopyStats> stats) {

    public Optional<Duration> duration() {
        return finishedAt.map(end -> Duration.between(startedAt, end));
    }

    public enum Kind {
        SYNC, RELEASE,
        /** {@code repo:release --path}: a release of one folder. */
        FAST_LANE,
        /** Not a job: an operator's {@code repo:rollback} (or its end by {@code repo:unfreeze}), recorded as a finished run. */
        ROLLBACK;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** The kind stored as {@code label}; "milestone", the release's old name, is a release. */
        public static Kind ofLabel(String label) {
            return "milestone".equals(label) ? RELEASE : valueOf(label.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    public enum Outcome {
        RUNNING, SUCCEEDED, FAILED, INTERRUPTED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
