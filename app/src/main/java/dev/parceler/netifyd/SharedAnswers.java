package dev.parceler.netifyd;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netify's answers as every app process shares them, with one call to Netify at a time per
 * entry however many firewalls ask at once:
 * <ul>
 * <li>a fresh stored answer is served without a call;</li>
 * <li>otherwise, inside a process, the first request asks and the others wait for its answer;</li>
 * <li>across processes, the asking one holds a claim on the entry's row; the others re-read the
 * row until the claim ends (an answer stored, or a failure recorded) or lapses (its process
 * died), and the claimant re-reads the row once it holds the claim, so an answer another
 * process stored meanwhile is not asked for again;</li>
 * <li>a failed call is recorded, and nobody asks again for {@code retryPause}: until then
 * (and whenever Netify fails) the last stored answer is served while it is still valid, and
 * with none, the route answers 503 with the time left as {@code Retry-After}.</li>
 * </ul>
 */
final class SharedAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(SharedAnswers.class);
    /** How often a process waiting for another one's call looks at the row again. */
    static final Duration POLL = Duration.ofMillis(50);

    /** Where an entry's answer comes from, and whether a stored one may still be served as it is. */
    interface Source {
        Fetched fetch() throws IntegratorException;

        /** False for a stored answer that must be fetched again although fresh (a licence lacking an entitlement). */
        boolean servable(byte[] json);
    }

    /** A new answer from Netify, worth serving when Netify fails until {@code validUntil}. */
    record Fetched(byte[] json, Instant validUntil) {
    }

    private record Held(long storedAt, byte[] json, boolean servable) {
    }

    private final NetifydCache cache;
    private final Clock clock;
    private final Duration claimFor;
    private final Duration retryPause;
    private final String owner = "serve-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    /** Bodies already read, by entry, so that a catalogue of a few hundred kilobytes is read once per change. */
    private final Map<String, Held> memory = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<NetifydAnswer>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param claimFor longest time a call to Netify (all requests of one refresh) may take: a
     *        claim older than that belongs to a process that died
     */
    SharedAnswers(NetifydCache cache, Clock clock, Duration claimFor, Duration retryPause) {
        this.cache = cache;
        this.clock = clock;
        this.claimFor = claimFor;
        this.retryPause = retryPause;
    }

    NetifydAnswer answer(String name, Duration freshFor, Source source) {
        Optional<NetifydAnswer> stored = fresh(name, cache.find(name), source, clock.instant());
        if (stored.isPresent()) {
            return stored.get();
        }
        CompletableFuture<NetifydAnswer> mine = new CompletableFuture<>();
        CompletableFuture<NetifydAnswer> running = inFlight.putIfAbsent(name, mine);
        if (running != null) {
            return await(running);
        }
        try {
            NetifydAnswer answer = lead(name, freshFor, source);
            mine.complete(answer);
            return answer;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(name, mine);
        }
    }

    /** The request of this process that asks for the entry, once no other process is asking. */
    private NetifydAnswer lead(String name, Duration freshFor, Source source) {
        long deadline = System.nanoTime() + claimFor.plus(claimFor).toNanos();
        while (true) {
            Instant now = clock.instant();
            Optional<NetifydCache.Entry> entry = cache.find(name);
            Optional<NetifydAnswer> settled = settled(name, entry, source, now);
            if (settled.isPresent()) {
                return settled.get();
            }
            if (cache.claim(name, owner, now.plus(claimFor), now)) {
                try {
                    entry = cache.find(name);
                    settled = settled(name, entry, source, now);
                    return settled.isPresent() ? settled.get() : call(name, entry, freshFor, source);
                } finally {
                    cache.release(name, owner);
                }
            }
            if (System.nanoTime() > deadline) {
                return fallback(name, entry, source, "Another process is still asking netifyd", now.plus(retryPause));
            }
            pause();
        }
    }

    /** A fresh stored answer, or, within the pause after a failure, what is served instead of asking. */
    private Optional<NetifydAnswer> settled(String name, Optional<NetifydCache.Entry> entry, Source source, Instant now) {
        Optional<NetifydAnswer> fresh = fresh(name, entry, source, now);
        if (fresh.isPresent() || entry.isEmpty() || !entry.get().retryAt().isAfter(now)) {
            return fresh;
        }
        return Optional.of(fallback(name, entry, source, entry.get().failure().orElse("netifyd failed"), entry.get().retryAt()));
    }

    private NetifydAnswer call(String name, Optional<NetifydCache.Entry> entry, Duration freshFor, Source source) {
        try {
            Fetched fetched = source.fetch();
            Instant now = clock.instant();
            cache.store(name, owner, fetched.json(), now, now.plus(freshFor), fetched.validUntil());
            memory.put(name, new Held(now.toEpochMilli(), fetched.json(), source.servable(fetched.json())));
            return new NetifydAnswer.Served(fetched.json());
        } catch (IntegratorException e) {
            Instant now = clock.instant();
            Instant retryAt = now.plus(retryPause);
            cache.failed(name, owner, e.getMessage(), retryAt);
            boolean valid = entry.isPresent() && entry.get().hasBody() && now.isBefore(entry.get().validUntil());
            LOG.warn("{}: {}; {}", name, e.getMessage(), valid
                    ? "serving the answer stored at " + Instant.ofEpochMilli(entry.get().storedAt()) + ", valid until " + entry.get().validUntil()
                    : "nothing valid to serve, answering 503");
            return fallback(name, entry, source, e.getMessage(), retryAt);
        }
    }

    private Optional<NetifydAnswer> fresh(String name, Optional<NetifydCache.Entry> entry, Source source, Instant now) {
        if (entry.isEmpty() || !entry.get().hasBody() || !now.isBefore(entry.get().freshUntil())
                || !now.isBefore(entry.get().validUntil())) {
            return Optional.empty();
        }
        return held(name, entry.get(), source).filter(Held::servable).map(held -> new NetifydAnswer.Served(held.json()));
    }

    /** The last stored answer while it is valid, else 503 with {@code message}. */
    private NetifydAnswer fallback(String name, Optional<NetifydCache.Entry> entry, Source source, String message, Instant retryAt) {
        Instant now = clock.instant();
        if (entry.isPresent() && entry.get().hasBody() && now.isBefore(entry.get().validUntil())) {
            Optional<Held> held = held(name, entry.get(), source);
            if (held.isPresent()) {
                return new NetifydAnswer.Served(held.get().json());
            }
        }
        long seconds = Math.max(1, Duration.between(now, retryAt).plusMillis(999).toSeconds());
        return new NetifydAnswer.Unavailable(message, Duration.ofSeconds(seconds));
    }

    private Optional<Held> held(String name, NetifydCache.Entry entry, Source source) {
        Held held = memory.get(name);
        if (held != null && held.storedAt() == entry.storedAt()) {
            return Optional.of(held);
        }
        Optional<Held> read = cache.body(name).map(stored -> new Held(stored.storedAt(), stored.json(), source.servable(stored.json())));
        read.ifPresent(value -> memory.put(name, value));
        return read;
    }

    private static NetifydAnswer await(CompletableFuture<NetifydAnswer> running) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NetifydAnswer.Unavailable("interrupted", Duration.ofSeconds(1));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** Waits a moment for the process holding the claim: its answer (or failure) lands in the row. */
    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for netifyd", e);
        }
    }
}
