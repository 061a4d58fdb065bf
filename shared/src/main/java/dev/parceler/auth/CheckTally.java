package dev.parceler.auth;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * How downloads were authorized, counted in this process for the metrics: answers from the
 * cache (memory or database) and calls to the subscription service by outcome, with the time
 * the calls took. Adders, not locks: the download path counts on every request.
 */
public final class CheckTally {
    /** What one authorization came to. */
    public enum Outcome {
        CACHE_HIT, UPSTREAM_OK, REFUSED, UPSTREAM_ERROR;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final LongAdder[][] counts = new LongAdder[Realm.values().length][Outcome.values().length];
    private final LongAdder[] upstreamCalls = new LongAdder[Realm.values().length];
    private final LongAdder[] upstreamNanos = new LongAdder[Realm.values().length];

    public CheckTally() {
        for (int realm = 0; realm < counts.length; realm++) {
            for (int outcome = 0; outcome < counts[realm].length; outcome++) {
                counts[realm][outcome] = new LongAdder();
            }
            upstreamCalls[realm] = new LongAdder();
            upstreamNanos[realm] = new LongAdder();
        }
    }

    void cacheHit(Realm realm) {
        counts[realm.ordinal()][Outcome.CACHE_HIT.ordinal()].increment();
    }

    void upstream(Realm realm, Verdict verdict, Duration took) {
        Outcome outcome = verdict instanceof Verdict.Authorized ? Outcome.UPSTREAM_OK
                : verdict instanceof Verdict.Refused ? Outcome.REFUSED : Outcome.UPSTREAM_ERROR;
        counts[realm.ordinal()][outcome.ordinal()].increment();
        upstreamCalls[realm.ordinal()].increment();
        upstreamNanos[realm.ordinal()].add(took.toNanos());
    }

    public long count(Realm realm, Outcome outcome) {
        return counts[realm.ordinal()][outcome.ordinal()].sum();
    }

    public long upstreamCalls(Realm realm) {
        return upstreamCalls[realm.ordinal()].sum();
    }

    public double upstreamSeconds(Realm realm) {
        return upstreamNanos[realm.ordinal()].sum() / 1e9;
    }
}
