package dev.parceler.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parceler.audit.AuditEvent;
import dev.parceler.audit.AuditLog;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.CopyStats;
import dev.parceler.sync.JobRun;
import dev.parceler.sync.RunHistory;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "repo:runs", mixinStandardHelpOptions = true,
        description = "Recent job runs of a repository, newest first: kind, start, duration, outcome, exit code,"
                + " snapshot made and files copied or shared with the previous snapshot; then what admins did to it"
                + " from the web console (sync now, release, freeze, unfreeze) with their reasons.")
final class RepoRunsCommand extends RepositoryCommand {
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print a JSON array, with the last lines of output of each run.")
    boolean json;

    @Option(names = "--audit", description = "Print only the console actions (with --json: a JSON array of them).")
    boolean audit;

    private final Supplier<RunHistory> runs;
    private final Supplier<AuditLog> auditLog;
    private final ZoneId zone;

    RepoRunsCommand(Supplier<RepositoryStore> repositories, Supplier<RunHistory> runs, Supplier<AuditLog> auditLog, ZoneId zone) {
        super(repositories);
        this.runs = runs;
        this.auditLog = auditLog;
        this.zone = zone;
    }

    /** One run as {@code repo:runs --json} prints it: a wire format that scripts read. */
    record RunListing(
            @JsonProperty("kind") String kind,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("finished_at") String finishedAt,
            @JsonProperty("duration_seconds") Long durationSeconds,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("exit_code") Integer exitCode,
            @JsonProperty("snapshot") String snapshot,
            @JsonProperty("files_copied") Long filesCopied,
            @JsonProperty("files_linked") Long filesLinked,
            @JsonProperty("bytes_copied") Long bytesCopied,
            @JsonProperty("bytes_linked") Long bytesLinked,
            @JsonProperty("message") String message,
            @JsonProperty("output") List<String> output) {

        static RunListing of(JobRun run) {
            CopyStats stats = run.stats().orElse(null);
            return new RunListing(run.kind().label(), run.startedAt().toString(),
                    run.finishedAt().map(Object::toString).orElse(null),
                    run.duration().map(Duration::toSeconds).orElse(null), run.outcome().label(),
                    run.exitCode().orElse(null), run.snapshot().orElse(null),
                    stats == null ? null : stats.filesCopied(), stats == null ? null : stats.filesLinked(),
                    stats == null ? null : stats.bytesCopied(), stats == null ? null : stats.bytesLinked(),
                    run.message().orElse(null), run.output());
        }
    }

    /** One console action as {@code repo:runs --audit --json} prints it: a wire format that scripts read. */
    record AuditListing(
            @JsonProperty("at") String at,
            @JsonProperty("admin") String admin,
            @JsonProperty("action") String action,
            @JsonProperty("snapshot") String snapshot,
            @JsonProperty("reason") String reason) {

        static AuditListing of(AuditEvent event) {
            return new AuditListing(event.at().toString(), event.actor(), event.action(), event.detail().orElse(null), event.reason());
        }
    }

    @Override
    int run(Repository repository) throws JsonProcessingException {
        if (limit < 1) {
            throw new ConsoleFailure("--limit must be 1 or more.");
        }
        PrintWriter out = out();
        List<AuditEvent> events = auditLog.get().recent(name, limit);
        if (audit && json) {
            JsonOutput.print(out, events.stream().map(AuditListing::of).toList());
            return 0;
        }
        if (audit) {
            printAudit(out, events, zone);
            return 0;
        }
        List<JobRun> runs = this.runs.get().recent(name, limit);
        if (json) {
            List<RunListing> listings = runs.stream().map(RunListing::of).toList();
            JsonOutput.print(out, listings);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JobRun run : runs) {
            CopyStats stats = run.stats().orElse(null);
            rows.add(List.of(run.kind().label(), START.format(run.startedAt().atZone(zone)),
                    run.duration().map(RepoRunsCommand::duration).orElse("-"), run.outcome().label(),
                    run.exitCode().map(String::valueOf).orElse("-"), run.snapshot().orElse("-"),
                    stats == null ? "-" : stats.filesCopied() + " (" + bytes(stats.bytesCopied()) + ")",
                    stats == null ? "-" : stats.filesLinked() + " (" + bytes(stats.bytesLinked()) + ")",
                    run.message().orElse("")));
        }
        TextTable.print(out, List.of("Kind", "Started", "Duration", "Outcome", "Exit", "Snapshot", "Copied", "Linked", "Message"), rows);
        if (!events.isEmpty()) {
            out.println();
            out.println("Console actions:");
            printAudit(out, events, zone);
        }
        return 0;
    }

    private static void printAudit(PrintWriter out, List<AuditEvent> events, ZoneId zone) {
        List<List<String>> rows = new ArrayList<>();
        for (AuditEvent event : events) {
            rows.add(List.of(START.format(event.at().atZone(zone)), event.actor(), event.action(), event.detail().orElse("-"),
                    event.reason().replaceAll("\\s+", " ")));
        }
        TextTable.print(out, List.of("When", "Admin", "Action", "Snapshot", "Reason"), rows);
    }

    private static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + "s" : seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }

    private static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
