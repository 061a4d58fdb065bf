package dev.parceler.notify;

import dev.parceler.config.NotifySettings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notices to their webhooks. A notice a webhook does not take (no answer, or anything but
 * 2xx) is tried again after a pause that doubles from {@link #FIRST_PAUSE} up to {@link
 * #LONGEST_PAUSE}, until {@code NOTIFY_GIVE_UP} after it was found; then it is given up, with a
 * warning in the log. Webhook URLs are never logged: they hold secrets.
 */
public final class Courier {
    private static final Logger LOG = LoggerFactory.getLogger(Courier.class);
    static final Duration FIRST_PAUSE = Duration.ofSeconds(2);
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);
    /** At most this many posts per step: a long list waits for the next steps, the scheduler's own work does not. */
    static final int PER_STEP = 20;

    private final NotifySettings settings;
    private final Noticeboard board;
    private final HttpClient client;

    public Courier(NotifySettings settings, Noticeboard board, HttpClient client) {
        this.settings = settings;
        this.board = board;
        this.client = client;
    }

    /** Posts the notices due; returns how many were delivered. */
    public int deliverDue(Instant now) {
        int delivered = 0;
        for (Noticeboard.Queued queued : board.due(now, PER_STEP)) {
            if (queued.target() >= settings.webhooks().size()) {
                board.givenUp(queued.key(), now, "its webhook is no longer configured");
                continue;
            }
            String failure = post(queued.target(), queued.notice());
            if (failure == null) {
                board.delivered(queued.key(), now);
                delivered++;
            } else if (!now.isBefore(queued.createdAt().plus(settings.giveUp()))) {
                board.givenUp(queued.key(), now, failure);
                LOG.warn("Notice {} to {} given up after {} tries: {}", queued.notice().kind(),
                        settings.webhooks().get(queued.target()).label(queued.target()), queued.attempts() + 1, failure);
            } else {
                long pause = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(20, queued.attempts()));
                board.retryAt(queued.key(), now.plusMillis(pause), failure);
            }
        }
        return delivered;
    }

    /** Posts {@code notice} to every webhook now, outside the queue; one line per webhook says how it went. */
    public List<String> sendNow(Notice notice) {
        List<String> results = new ArrayList<>();
        for (int i = 0; i < settings.webhooks().size(); i++) {
            String failure = post(i, notice);
            results.add(settings.webhooks().get(i).label(i) + ": " + (failure == null ? "delivered" : "not delivered, " + failure));
        }
        return results;
    }

    /** Null when the webhook took the notice, else why not. */
    private String post(int target, Notice notice) {
        NotifySettings.Webhook webhook = settings.webhooks().get(target);
        HttpRequest request = HttpRequest.newBuilder(webhook.url()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("User-Agent", "Parceler")
                .POST(HttpRequest.BodyPublishers.ofString(NoticeBodies.body(webhook.shape(), notice))).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "answered " + response.statusCode();
        } catch (IOException e) {
            return "no answer (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
