package dev.parceler.audit;

import java.time.Instant;
import java.util.Optional;

/** One thing an admin did to a repository: what, on which snapshot if any, why, who and when. */
public record AuditEvent(long id, String repository, String action, Optional<String> detail, String reason, String actor, Instant at) {
}
