package dev.parceler.console;

import dev.parceler.audit.AuditLog;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --reason} of the commands that change what machines are served (freeze, unfreeze,
 * release), and the audit entry each leaves as the web console's actions do: who ran it (the
 * operating system's user), what, on which snapshot, and why. {@code repo:runs} shows it and the
 * notices tell it ({@code console_action}).
 */
final class ActionRecord {
    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why (kept in the audit with who ran the command; shown by repo:runs and told to the webhooks).")
    String reason;

    /** Refuses a reason the audit cannot keep, before the command changes anything. */
    void check() {
        if (reason != null && reason.strip().length() > AuditLog.MAX_REASON) {
            throw new ConsoleFailure("A reason has at most " + AuditLog.MAX_REASON + " characters.");
        }
    }

    void record(AuditLog audit, Map<String, String> environment, String repository, String action, Optional<String> detail) {
        audit.record(repository, action, detail, reason == null ? "" : reason.strip(),
                RepoRollbackCommand.operator(environment) + " (command line)");
    }
}
