package dev.parceler.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a machine may download from a realm: from this process's memory, else from the
 * shared database cache, else by asking the subscription service once, however many requests
 * of that machine arrive meanwhile, in this process or in any other app process on the same
 * database. Refusals are remembered for a short while; when the service cannot answer, only
 * machines with a valid cached answer are served.
 *
 * <p>Across processes the first one to ask claims the machine in the database ({@link
 * AuthorizationClaims}) for {@code 2 × AUTH_TIMEOUT + 5 s}; the others poll the shared cache for its
 * answer, every 10 ms at first and at most every 100 ms, for {@code 2 × AUTH_TIMEOUT}, and answer
 * "unavailable" (503) when nothing arrives or the claim ends without an answer. A call that fails
 * or times out releases the claim, so the next request asks again; so does an answer cached for
 * less time than the claim lasts (a short refusal). A longer one leaves the claim to lapse.
 *
 * <p>Checks that wait for the service are bounded: beyond {@code waitingChecks} at once a new
 * machine is answered "unavailable" at once, so that a slow service holds a bounded number of
 * request threads and machines with a cached answer are served at cache speed whatever it does.
 * An answer that cannot be written to the shared cache (a full disk) still counts.
 *
 * <p>A machine with a valid answer in the shared cache is found there before any waiting slot is
 * taken, so strangers filling the slots cannot turn it away. New machines are also bounded per
 * client address ({@code AUTH_NEW_PER_ADDRESS} waiting at once): one client cannot take every slot.
 * Where the realm's check does not verify the system id (the community service, open access), the
 * answer is the secret's: cached and claimed under the secret alone, so inventing ids neither
 * asks the service again nor adds rows.
 */
public final class Authorizer {
    private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);
    /** How long this process trusts its own memory before looking at the shared cache again. */
    static final Duration MEMORY = Duration.ofSeconds(30);
    /** The most answers one process remembers: a fleet's cached machines within {@link #MEMORY}. */
    static final int MEMORY_ENTRIES = 100_000;
    /** A claim outlives the longest wait for the service (connecting, then answering) by this much. */
    static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);
    static final Duration FIRST_POLL = Duration.ofMillis(10);
    static final Duration LONGEST_POLL = Duration.ofMillis(100);
    static final Duration CLAIM_WRITE_WAIT = Duration.ofMillis(50);

    private final SubscriptionCheck service;
    private final AuthorizationCache cache;
    private final AuthorizationClaims claims;
    private final Duration refusalTtl;
    private final Duration claimLasts;
    private final Duration claimWait;
    private final Clock clock;
    private final CheckTally tally;
    /** This process's own answers, in front of the shared cache: the least used go first when it is full. */
    private final Cache<String, AuthorizationCache.Entry> memory = Caffeine.newBuilder().maximumSize(MEMORY_ENTRIES).build();
    private final Map<String, CompletableFuture<Verdict>> inFlight = new ConcurrentHashMap<>();
    private final Semaphore waiting;
    private final int waitingChecks;
    private final AtomicBoolean overloaded = new AtomicBoolean();
    private final AtomicBoolean cacheFailing = new AtomicBoolean();
    private final AtomicBoolean claimsFailing = new AtomicBoolean();
    private final Semaphore claimWrites = new Semaphore(1, true);
    private final int perAddress;
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> waitingByAddress = new ConcurrentHashMap<>();

    /**
     * @param authTimeout how long one call to the service may take ({@code AUTH_TIMEOUT}), which
     *     bounds how long a claim lasts and how long other processes wait for its answer
     */
    public Authorizer(SubscriptionCheck service, AuthorizationCache cache, AuthorizationClaims claims, Duration refusalTtl,
            Duration authTimeout, int waitingChecks, Clock clock) {
        this(service, cache, claims, refusalTtl, authTimeout, waitingChecks, waitingChecks, clock, new CheckTally());
    }

    /**
     * As above, with at most {@code perAddress} of the waiting checks from one client address, counting
     * cache hits and subscription calls in {@code tally} (for the metrics).
     */
    public Authorizer(SubscriptionCheck service, AuthorizationCache cache, AuthorizationClaims claims, Duration refusalTtl,
            Duration authTimeout, int waitingChecks, int perAddress, Clock clock, CheckTally tally) {
        this.service = service;
        this.cache = cache;
        this.claims = claims;
        this.refusalTtl = refusalTtl;
        this.claimWait = authTimeout.multipliedBy(2);
        this.claimLasts = claimWait.plus(CLAIM_MARGIN);
        this.waitingChecks = waitingChecks;
        this.waiting = new Semaphore(waitingChecks);
        this.perAddress = perAddress;
        this.clock = clock;
        this.tally = tally;
    }

    /** As {@link #authorize(Realm, MachineCredentials, String)}, for a caller with no client address to count. */
    public Verdict authorize(Realm realm, MachineCredentials credentials) {
        return authorize(realm, credentials, "");
    }

    /**
     * The machine as the realm knows it: the system id where the realm's check vouches for it;
     * otherwise {@code ~} and a keyed hash of the secret (never the secret), since the secret is
     * all the service checked. Pins and sightings are kept under it, so invented ids add nothing.
     */
    public String identity(Realm realm, MachineCredentials credentials) {
        if (service.verifiesSystemId(realm)) {
            return credentials.systemId();
        }
        return "~" + cache.secretHash(realm, new MachineCredentials("", credentials.secret())).substring(0, 32);
    }

    /** Whether the realm's check vouches for the system id (see {@link SubscriptionCheck#verifiesSystemId}). */
    public boolean verifiesSystemId(Realm realm) {
        return service.verifiesSystemId(realm);
    }

    /**
     * The verdict for a machine, asked for by a client at {@code address} (the bound of new machines
     * per client; empty: not counted per address).
     */
    public Verdict authorize(Realm realm, MachineCredentials given, String address) {
        // Unverified ids are not part of what is cached: the answer is the secret's.
        MachineCredentials credentials = service.verifiesSystemId(realm) ? given : new MachineCredentials("", given.secret());
        String hash = cache.secretHash(realm, credentials);
        String key = realm.label() + "\n" + credentials.systemId() + "\n" + hash;
        Instant now = clock.instant();
        AuthorizationCache.Entry remembered = memory.getIfPresent(key);
        if (remembered != null && remembered.expiresAt().isAfter(now)) {
            tally.cacheHit(realm);
            return verdict(remembered);
        }
        // The shared cache before any slot: a machine it knows is served whatever the slots hold.
        Optional<AuthorizationCache.Entry> cached = Optional.empty();
        try {
            cached = cache.find(realm, credentials.systemId(), hash);
        } catch (RuntimeException e) {
            // Read again below, where a failure is the service's "unavailable".
        }
        if (cached.isPresent()) {
            tally.cacheHit(realm);
            remember(key, cached.get());
            return verdict(cached.get());
        }
        // Another request of this machine is asking already: its answer is this one's, at no slot's cost.
        CompletableFuture<Verdict> running = inFlight.get(key);
        if (running != null) {
            return await(running);
        }
        java.util.concurrent.atomic.AtomicInteger fromAddress = null;
        if (!address.isEmpty()) {
            fromAddress = waitingByAddress.compute(address, (ignored, count) -> {
                java.util.concurrent.atomic.AtomicInteger counter = count == null ? new java.util.concurrent.atomic.AtomicInteger() : count;
                counter.incrementAndGet();
                return counter;
            });
            if (fromAddress.get() > perAddress) {
                leave(address);
                // A request of this machine may have started asking meanwhile: wait for it rather than refuse.
                CompletableFuture<Verdict> started = inFlight.get(key);
                return started != null ? await(started)
                        : new Verdict.Unavailable(perAddress + " subscription checks of this client already waiting");
            }
        }
        try {
            if (!waiting.tryAcquire()) {
                CompletableFuture<Verdict> started = inFlight.get(key);
                if (started != null) {
                    return await(started);
                }
                if (overloaded.compareAndSet(false, true)) {
                    LOG.warn("{} subscription checks already waiting: new machines get 503 until they are answered", waitingChecks);
                }
                return new Verdict.Unavailable(waitingChecks + " subscription checks already waiting");
            }
            try {
                return check(realm, given, credentials, hash, key);
            } finally {
                waiting.release();
            }
        } finally {
            if (fromAddress != null) {
                leave(address);
            }
        }
    }

    /** One waiting check of {@code address} fewer; the address is forgotten at none, so the map holds only waiting clients. */
    private void leave(String address) {
        waitingByAddress.computeIfPresent(address, (ignored, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private Verdict check(Realm realm, MachineCredentials given, MachineCredentials credentials, String hash, String key) {
        if (overloaded.get() && waiting.availablePermits() > waitingChecks / 2 && overloaded.compareAndSet(true, false)) {
            LOG.info("Subscription checks waiting back under {}", waitingChecks);
        }
        CompletableFuture<Verdict> mine = new CompletableFuture<>();
        CompletableFuture<Verdict> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Verdict verdict = lookUp(realm, given, credentials, hash, key);
            mine.complete(verdict);
            return verdict;
        } catch (RuntimeException e) {
            Verdict unavailable = new Verdict.Unavailable(e.getMessage());
            mine.complete(unavailable);
            return unavailable;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private Verdict lookUp(Realm realm, MachineCredentials given, MachineCredentials credentials, String hash, String key) {
        var cached = cache.find(realm, credentials.systemId(), hash);
        if (cached.isPresent()) {
            tally.cacheHit(realm);
            remember(key, cached.get());
            return verdict(cached.get());
        }
        Instant claimedUntil = clock.instant().plus(claimLasts);
        Claim claim = claim(realm, credentials, hash);
        if (claim.othersAsk()) {
            return awaitOther(realm, credentials, hash, key);
        }
        Optional<String> token = claim.token();
        Asked asked = new Asked(new Verdict.Unavailable("not asked"), Instant.MIN);
        try {
            asked = ask(realm, given, credentials, hash, key);
            return asked.verdict();
        } finally {
            // A stored answer that outlives the claim answers everyone: the claim may just lapse, one
            // write fewer per new machine. Otherwise (a failed call, an answer that expires sooner)
            // the next request must be free to ask at once.
            if (token.isPresent() && asked.storedUntil().isBefore(claimedUntil)) {
                release(realm, credentials, hash, token.get());
            }
        }
    }

    /** The service's verdict, and until when the shared cache holds it (never: {@link Instant#MIN}). */
    private record Asked(Verdict verdict, Instant storedUntil) {
    }

    /**
     * Another process asks the service about this machine: waits for its answer in the shared
     * cache. Its claim ending without an answer (its call failed) or no answer within twice the
     * service's timeout is "unavailable", as the service failing here would be.
     */
    private Verdict awaitOther(Realm realm, MachineCredentials credentials, String hash, String key) {
        long deadline = System.nanoTime() + claimWait.toNanos();
        long pause = FIRST_POLL.toMillis();
        while (true) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Verdict.Unavailable("interrupted");
            }
            var answered = cache.find(realm, credentials.systemId(), hash);
            if (answered.isEmpty() && !claims.held(realm, credentials.systemId(), hash)) {
                // The answer may have been stored just before the claim was released: one more look.
                answered = cache.find(realm, credentials.systemId(), hash);
                if (answered.isEmpty()) {
                    return new Verdict.Unavailable("another app process got no answer from the subscription service");
                }
            }
            if (answered.isPresent()) {
                tally.cacheHit(realm);
                remember(key, answered.get());
                return verdict(answered.get());
            }
            if (System.nanoTime() - deadline >= 0) {
                return new Verdict.Unavailable("no answer within " + claimWait.toMillis() + " ms from the subscription check"
                        + " another app process makes");
            }
            pause = Math.min(pause * 2, LONGEST_POLL.toMillis());
        }
    }

    /**
     * One claim write of this process at a time, and none after waiting {@link #CLAIM_WRITE_WAIT}
     * for it: many new machines at once (a restart, a fleet whose answers expired together) would
     * otherwise queue writes on SQLite's one writer for a second or more, in front of the writes of
     * downloads. A machine whose claim is skipped is asked about at once (as without claims: maybe
     * by another process too); its own requests in this process still make one call.
     */
    private Claim claim(Realm realm, MachineCredentials credentials, String hash) {
        boolean slot;
        try {
            slot = claimWrites.tryAcquire(CLAIM_WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            slot = false;
        }
        if (!slot) {
            LOG.debug("Claim writes busy: {} machine {} asked without a claim", realm.label(), credentials.systemId());
            return Claim.NONE;
        }
        try {
            Optional<String> token = claims.claim(realm, credentials.systemId(), hash, claimLasts);
            if (claimsFailing.compareAndSet(true, false)) {
                LOG.info("Subscription checks are claimed in the database again");
            }
            return token.isPresent() ? new Claim(token, false) : Claim.OTHERS_ASK;
        } catch (RuntimeException e) {
            // Asking anyway keeps machines served; only the single flight across processes is lost meanwhile.
            if (claimsFailing.compareAndSet(false, true)) {
                LOG.warn("Cannot claim subscription checks in the database (asking anyway): {}", e.getMessage());
            }
            return Claim.NONE;
        } finally {
            claimWrites.release();
        }
    }

    /** What claiming a machine came to: this process's claim, another's (wait for its answer), or none (ask anyway). */
    private record Claim(Optional<String> token, boolean othersAsk) {
        static final Claim OTHERS_ASK = new Claim(Optional.empty(), true);
        static final Claim NONE = new Claim(Optional.empty(), false);
    }

    private void release(Realm realm, MachineCredentials credentials, String hash, String token) {
        claimWrites.acquireUninterruptibly();
        try {
            claims.release(realm, credentials.systemId(), hash, token);
        } catch (RuntimeException e) {
            // The claim lapses by itself; until then other processes wait for the answer in the cache.
            LOG.debug("Cannot release the subscription check claim of {}: {}", credentials.systemId(), e.getMessage());
        } finally {
            claimWrites.release();
        }
    }

    private Asked ask(Realm realm, MachineCredentials given, MachineCredentials credentials, String hash, String key) {
        long started = System.nanoTime();
        Verdict verdict = service.check(realm, given);
        tally.upstream(realm, verdict, Duration.ofNanos(System.nanoTime() - started));
        Instant storedUntil = Instant.MIN;
        if (verdict instanceof Verdict.Authorized authorized) {
            storedUntil = store(realm, credentials, hash, key, new AuthorizationCache.Entry(true, authorized.until()));
        } else if (verdict instanceof Verdict.Refused refused) {
            LOG.info("{} machine {} refused: {}", realm.label(), given.systemId(), refused.reason());
            storedUntil = store(realm, credentials, hash, key, new AuthorizationCache.Entry(false, clock.instant().plus(refusalTtl)));
        } else if (verdict instanceof Verdict.Unavailable unavailable) {
            LOG.warn("{} machine {} not checked: {}", realm.label(), given.systemId(), unavailable.reason());
        }
        return new Asked(verdict, storedUntil);
    }

    /** Remembers and caches an answer; returns until when the shared cache holds it ({@link Instant#MIN}: not stored). */
    private Instant store(Realm realm, MachineCredentials credentials, String hash, String key, AuthorizationCache.Entry entry) {
        remember(key, entry);
        try {
            cache.store(realm, credentials.systemId(), hash, entry);
            if (cacheFailing.compareAndSet(true, false)) {
                LOG.info("Subscription answers are cached in the database again");
            }
            return entry.expiresAt();
        } catch (RuntimeException e) {
            // The answer stands (this process remembers it); other processes will ask again.
            if (cacheFailing.compareAndSet(false, true)) {
                LOG.warn("Cannot cache subscription answers in the database (served anyway): {}", e.getMessage());
            }
            return Instant.MIN;
        }
    }

    private void remember(String key, AuthorizationCache.Entry entry) {
        Instant until = clock.instant().plus(MEMORY);
        memory.put(key, new AuthorizationCache.Entry(entry.authorized(), entry.expiresAt().isBefore(until) ? entry.expiresAt() : until));
    }

    private static Verdict verdict(AuthorizationCache.Entry entry) {
        return entry.authorized() ? new Verdict.Authorized(entry.expiresAt()) : new Verdict.Refused("cached refusal");
    }

    private static Verdict await(CompletableFuture<Verdict> running) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict.Unavailable("interrupted");
        } catch (ExecutionException e) {
            return new Verdict.Unavailable(e.getCause().getMessage());
        }
    }
}
