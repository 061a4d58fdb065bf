package dev.parceler.auth;

import java.time.Instant;

/** A subscription service's answer about one machine. */
public sealed interface Verdict {

    /** The machine may download until {@code until}. */
    record Authorized(Instant until) implements Verdict {
    }

    /** The service said no. */
    record Refused(String reason) implements Verdict {
    }

    /** The service could not answer (unreachable, timed out, failing). */
    record Unavailable(String reason) implements Verdict {
    }
}
