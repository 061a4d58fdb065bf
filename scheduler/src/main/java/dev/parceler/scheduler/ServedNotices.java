package dev.parceler.scheduler;

import dev.parceler.config.NotifySettings;
import dev.parceler.database.MetaValues;
import dev.parceler.notify.Notice;
import dev.parceler.notify.Noticeboard;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.ServedSnapshot;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotTimestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What machines are served, watched for what people should know: a snapshot the delay held back
 * going live ({@code snapshot_live}), and a repository serving the same snapshot for longer than
 * {@code NOTIFY_STALE_HOURS} ({@code repository_stale}: its syncs fail or stopped, or upstream is
 * quiet), told once until it serves another. A frozen repository is neither: its freeze is told
 * as the action it was, and a release as a release. Listing snapshots costs a LIST per repository
 * on s3, so this looks once a minute, however often the notices are stepped.
 */
public final class ServedNotices {
    static final String SERVED = "notify.served.";
    static final Duration EVERY = Duration.ofMinutes(1);

    private final NotifySettings settings;
    private final Noticeboard board;
    private final RepositoryStore repositories;
    private final SnapshotCatalog catalog;
    private final MetaValues meta;
    private Instant lastLook = Instant.MIN;

    public ServedNotices(NotifySettings settings, Noticeboard board, RepositoryStore repositories, SnapshotCatalog catalog,
            MetaValues meta) {
        this.settings = settings;
        this.board = board;
        this.repositories = repositories;
        this.catalog = catalog;
        this.meta = meta;
    }

    /** What is stored per repository: the folder served, since when, and whether its staleness was told. */
    record Seen(String folder, Instant since, boolean staleTold) {
        static Optional<Seen> parse(String value) {
            String[] parts = value.split("\\|", 3);
            return parts.length == 3 ? Optional.of(new Seen(parts[0], Instant.parse(parts[1]), parts[2].equals("told"))) : Optional.empty();
        }

        String value() {
            return folder + "|" + since + "|" + (staleTold ? "told" : "-");
        }
    }

    public void find(Instant now) {
        if (now.isBefore(lastLook.plus(EVERY))) {
            return;
        }
        lastLook = now;
        if (!settings.wants("snapshot_live") && !settings.wants("repository_stale")) {
            return;
        }
        for (Repository repository : repositories.all()) {
            Optional<ServedSnapshot> served = catalog.served(repository);
            if (served.isPresent()) {
                look(repository, served.get(), now);
            }
        }
    }

    private void look(Repository repository, ServedSnapshot served, Instant now) {
        String key = SERVED + repository.name();
        Optional<Seen> seen = meta.get(key).flatMap(Seen::parse);
        boolean frozen = served.reason() == ServedSnapshot.Reason.FROZEN;
        if (seen.isEmpty() || !seen.get().folder().equals(served.folder())) {
            meta.put(key, new Seen(served.folder(), now, false).value());
            boolean released = repository.released().filter(served.folder()::equals).isPresent();
            if (seen.isPresent() && !frozen && !released && SnapshotTimestamp.parse(served.folder()).isPresent()) {
                board.post(new Notice("live:" + repository.name() + ":" + served.folder(), "snapshot_live", Optional.of(repository.name()),
                        repository.name() + ": now serving " + served.folder() + ", held back " + repository.delay()
                                + " days; was " + seen.get().folder(), now), settings, now);
            }
            return;
        }
        Seen same = seen.get();
        if (!frozen && !same.staleTold() && !now.isBefore(same.since().plus(settings.staleAfter()))) {
            meta.put(key, new Seen(same.folder(), same.since(), true).value());
            board.post(new Notice("stale:" + repository.name() + ":" + same.folder() + ":" + same.since(), "repository_stale",
                    Optional.of(repository.name()), repository.name() + ": has served " + same.folder() + " since " + same.since()
                            + " (" + Duration.between(same.since(), now).toHours() + " hours): no newer snapshot reached machines;"
                            + " see repo:runs " + repository.name(), now), settings, now);
        }
    }
}
