package dev.parceler.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code SWITCH_GRACE}: for that long after a repository's served snapshot changes, machines in
 * the middle of an update (an index fetched, its signature and packages still to come) are not
 * broken by the switch. A machine that fetched a feed index is pinned to that snapshot for the
 * grace, for the other files of the index's folder (its signature, its packages); a new index
 * fetch moves the pin to the snapshot served then. A file the served snapshot lacks is looked for in the snapshots served within the grace;
 * and cleanup and release delete none of those snapshots. Zero turns all of it off.
 */
public final class SwitchGrace {
    /** File names of the feed indexes a machine reads first: opkg, apk v3, apk v2. */
    /**
     * Feed indexes of opkg, apk and apt (whose {@code InRelease}, {@code Release} and {@code
     * Release.gpg} name the indexes below them): always from the served snapshot, so a release
     * reaches a machine at its next update, and each pins the machine's folder.
     */
    private static final Set<String> INDEXES = Set.of("Packages", "Packages.gz", "Packages.xz", "Packages.bz2", "packages.adb",
            "APKINDEX.tar.gz", "InRelease", "Release", "Release.gpg");

    private final Duration length;
    private final ServedHistory history;
    private final MachinePins pins;
    private final Clock clock;

    public SwitchGrace(Duration length, ServedHistory history, MachinePins pins, Clock clock) {
        this.length = length;
        this.history = history;
        this.pins = pins;
        this.clock = clock;
    }

    public boolean off() {
        return length.isZero();
    }

    /** Notes that the repository now serves {@code current} instead of {@code previous}: previous was served until now. */
    public void switched(String repository, Optional<String> previous, String current) {
        previous.filter(folder -> !folder.equals(current)).ifPresent(folder -> history.record(repository, folder));
        history.record(repository, current);
    }

    /** Snapshots other than {@code current} served within the grace, the most recently served first. */
    public List<String> previouslyServed(String repository, String current) {
        if (off()) {
            return List.of();
        }
        return history.servedSince(repository, clock.instant().minus(length)).stream()
                .map(ServedHistory.Served::snapshot)
                .filter(snapshot -> !snapshot.equals(current))
                .toList();
    }

    /** When the grace of the last switch away from another snapshot to {@code current} ends; empty when it has. */
    public Optional<Instant> endsAt(String repository, String current) {
        if (off()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return history.servedSince(repository, now.minus(length)).stream()
                .filter(served -> !served.snapshot().equals(current))
                .map(served -> served.lastServedAt().plus(length))
                .max(Instant::compareTo);
    }

    /** Whether a file of this name is a feed index, which pins the machine. */
    public static boolean isIndex(String fileName) {
        return INDEXES.contains(fileName);
    }

    /** When the grace of a switch that happens now ends; empty when the grace is off. */
    public Optional<Instant> endsAfterSwitchNow() {
        return off() ? Optional.empty() : Optional.of(clock.instant().plus(length));
    }

    /** Pins the machine's {@code folder} to the snapshot it fetched the folder's index from, for the grace from now. */
    public void pin(String repository, String systemId, String folder, String snapshot) {
        if (!off()) {
            pins.pin(repository, systemId, folder, snapshot, clock.instant());
        }
    }

    /** The snapshot the machine's {@code folder} is pinned to, while its pin lasts. */
    public Optional<String> pinned(String repository, String systemId, String folder) {
        if (off()) {
            return Optional.empty();
        }
        Instant since = clock.instant().minus(length);
        return pins.find(repository, systemId, folder).filter(pin -> !pin.pinnedAt().isBefore(since)).map(MachinePins.Pin::snapshot);
    }

    /** Snapshots that must not be deleted now: served within the grace, or pinned by a machine whose pin lasts. */
    public Set<String> held(String repository) {
        Set<String> held = new LinkedHashSet<>();
        if (off()) {
            return held;
        }
        Instant since = clock.instant().minus(length);
        history.servedSince(repository, since).forEach(served -> held.add(served.snapshot()));
        held.addAll(pins.pinnedSince(repository, since));
        return held;
    }

    /** Forgets pins that no longer hold anything. */
    public void forgetExpiredPins(String repository) {
        pins.forgetBefore(repository, clock.instant().minus(length));
    }

    /** Forgets every repository's pins that no longer hold anything (the scheduler's sweep); returns how many. */
    public int forgetLapsedPins() {
        return pins.forgetAllBefore(clock.instant().minus(length));
    }
}
