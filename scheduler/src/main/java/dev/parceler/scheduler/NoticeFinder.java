package dev.parceler.scheduler;

import dev.parceler.audit.AuditEvent;
import dev.parceler.audit.AuditLog;
import dev.parceler.config.NotifySettings;
import dev.parceler.database.MetaValues;
import dev.parceler.health.Heartbeat;
import dev.parceler.health.Heartbeats;
import dev.parceler.health.Liveness;
import dev.parceler.health.ProcessKind;
import dev.parceler.notify.Notice;
import dev.parceler.notify.Noticeboard;
import dev.parceler.sync.JobRun;
import dev.parceler.sync.JobRun.Kind;
import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.sync.RunHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds what people should be told, from what the service records anyway: finished job runs, the
 * console's audit, the processes' heartbeats. Runs are told by change of state, so a repository
 * failing every night sends one notice when it starts failing and one when it works again:
 * {@code run_failed} (or {@code feed_refused} when the feed check refused the snapshot), {@code
 * run_recovered}; every {@code release} and {@code rollback}; every {@code console_action} (the web
 * console's, and the command line's freezes, unfreezes and releases); a
 * process that stops beating ({@code process_silent}) and beats again ({@code process_back}).
 * Where it has got to is kept in the database, so a restart neither repeats nor skips.
 */
public final class NoticeFinder {
    static final String RUNS_SINCE = "notify.runs.since";
    static final String AUDIT_AFTER = "notify.audit.after";
    static final String STATE = "notify.state.";

    private final NotifySettings settings;
    private final Noticeboard board;
    private final RunHistory runs;
    private final AuditLog audit;
    private final Heartbeats heartbeats;
    private final MetaValues meta;
    private final ProcessKind self;

    public NoticeFinder(NotifySettings settings, Noticeboard board, RunHistory runs, AuditLog audit, Heartbeats heartbeats,
            MetaValues meta, ProcessKind self) {
        this.settings = settings;
        this.board = board;
        this.runs = runs;
        this.audit = audit;
        this.heartbeats = heartbeats;
        this.meta = meta;
        this.self = self;
    }

    /** Queues the notices of what happened since the last call (on the first call ever: from now on). */
    public void find(Instant now) {
        Instant since = meta.get(RUNS_SINCE).map(Instant::parse).orElse(now);
        Instant last = since;
        for (JobRun run : runs.finishedSince(since, 500)) {
            tell(run, now);
            last = run.finishedAt().orElse(last);
        }
        meta.put(RUNS_SINCE, last.toString());
        long after = meta.get(AUDIT_AFTER).map(Long::parseLong).orElseGet(() -> latestAudit());
        for (AuditEvent event : audit.after(after, 500)) {
            queue(new Notice("audit:" + event.id(), "console_action", Optional.ofNullable(event.repository()),
                    event.actor() + " " + event.action() + " " + event.repository() + event.detail().map(d -> " (" + d + ")").orElse("")
                            + (event.reason().isBlank() ? "" : ": " + event.reason()), event.at()), now);
            after = event.id();
        }
        meta.put(AUDIT_AFTER, Long.toString(after));
        processes(now);
    }

    private long latestAudit() {
        long latest = 0;
        for (List<AuditEvent> page = audit.after(0, 500); !page.isEmpty(); page = audit.after(latest, 500)) {
            latest = page.get(page.size() - 1).id();
        }
        return latest;
    }

    private void tell(JobRun run, Instant now) {
        String repository = run.repository();
        String key = "run:" + run.id();
        if (run.kind() == Kind.ROLLBACK) {
            queue(new Notice(key, "rollback", Optional.of(repository), repository + ": " + run.message().orElse("rollback"),
                    run.finishedAt().orElse(now)), now);
            return;
        }
        if (run.outcome() == Outcome.INTERRUPTED || run.outcome() == Outcome.RUNNING) {
            return; // a run cut short runs again: its outcome is told then
        }
        String state = run.outcome() == Outcome.FAILED ? "failed" : "ok";
        String before = meta.get(STATE + repository).orElse("ok");
        if (!state.equals(before)) {
            meta.put(STATE + repository, state);
            if (state.equals("failed")) {
                String message = run.message().orElse("it failed");
                boolean refused = message.startsWith("feed check failed");
                queue(new Notice(key, refused ? "feed_refused" : "run_failed", Optional.of(repository),
                        repository + ": " + run.kind().label() + " failed: " + message
                                + " (told once until a run of it succeeds again)", run.finishedAt().orElse(now)), now);
            } else {
                queue(new Notice(key, "run_recovered", Optional.of(repository), repository + ": " + run.kind().label()
                        + " succeeded again" + run.snapshot().map(s -> ", snapshot " + s).orElse(""), run.finishedAt().orElse(now)), now);
            }
        }
        if (run.outcome() == Outcome.SUCCEEDED && (run.kind() == Kind.RELEASE || run.kind() == Kind.FAST_LANE)) {
            queue(new Notice(key + ":release", "release", Optional.of(repository), repository + ": " + run.kind().label()
                    + " done" + run.snapshot().map(s -> ", now serving " + s).orElse(""), run.finishedAt().orElse(now)), now);
        }
    }

    private void processes(Instant now) {
        Map<String, Instant> latest = new TreeMap<>();
        for (Heartbeat beat : heartbeats.all()) {
            if (beat.kind() != self) {
                latest.merge(beat.kind().name().toLowerCase(java.util.Locale.ROOT) + " on " + beat.host(), beat.beatAt(),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        latest.forEach((process, beatAt) -> {
            boolean silent = beatAt.isBefore(now.minus(Liveness.SILENT_AFTER));
            String key = STATE + "process." + process;
            String before = meta.get(key).orElse("alive");
            String state = silent ? "silent" : "alive";
            if (!state.equals(before)) {
                meta.put(key, state);
                queue(new Notice("process:" + process + ":" + beatAt, silent ? "process_silent" : "process_back", Optional.empty(),
                        silent ? "the " + process + " has not beaten since " + beatAt + ": it stopped or hangs"
                                : "the " + process + " beats again", now), now);
            }
        });
    }

    private void queue(Notice notice, Instant now) {
        board.post(notice, settings, now);
    }
}
