package dev.parceler.scheduler;

import dev.parceler.notify.Courier;
import dev.parceler.notify.Noticeboard;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One step of the notices, run by the scheduler every few seconds: find what happened, post what is due. */
public final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final NoticeFinder finder;
    private final ServedNotices served;
    private final Courier courier;
    private final Noticeboard board;

    public Notifications(NoticeFinder finder, ServedNotices served, Courier courier, Noticeboard board) {
        this.finder = finder;
        this.served = served;
        this.courier = courier;
        this.board = board;
    }

    /** Forgets notices delivered or given up before {@code cutoff}. */
    public void prune(Instant cutoff) {
        int pruned = board.pruneBefore(cutoff);
        if (pruned > 0) {
            LOG.info("Pruned {} notices done before {}", pruned, cutoff);
        }
    }

    public void step(Instant now) {
        try {
            finder.find(now);
            served.find(now);
            courier.deliverDue(now);
        } catch (RuntimeException e) {
            // Notices wait for the next step; the scheduler's own work goes on.
            LOG.warn("Notices not sent this time: {}", e.getMessage());
        }
    }
}
