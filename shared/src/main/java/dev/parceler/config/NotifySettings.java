package dev.parceler.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Where notices go ({@code NOTIFY_WEBHOOKS}: webhook URLs, each in a body shape its receiver
 * accepts), which events are sent ({@code NOTIFY_EVENTS}) and for how long a notice is tried
 * before it is given up ({@code NOTIFY_GIVE_UP}), and after how long serving the same snapshot is
 * worth telling ({@code NOTIFY_STALE_HOURS}). Webhook URLs often hold a secret (Slack's and
 * Discord's do): they are never logged nor shown, only their shape and host.
 */
public record NotifySettings(List<Webhook> webhooks, Set<String> events, Duration giveUp, Duration staleAfter) {
    /** Every event a notice can tell. */
    public static final List<String> EVENTS = List.of("run_failed", "feed_refused", "run_recovered", "release", "rollback",
            "console_action", "process_silent", "process_back", "backup_failed", "snapshot_live", "repository_stale");

    /** The body shapes: a generic JSON object, or what Slack, Discord and Microsoft Teams incoming webhooks accept. */
    public enum Shape { GENERIC, SLACK, DISCORD, TEAMS }

    /** A receiver; {@code only}: the events it gets, when its URL's fragment names them (else {@code NOTIFY_EVENTS}). */
    public record Webhook(Shape shape, URI url, java.util.Optional<Set<String>> only) {
        public Webhook {
            only = only.map(Set::copyOf);
        }

        public Webhook(Shape shape, URI url) {
            this(shape, url, java.util.Optional.empty());
        }

        /** How the webhook is named in logs and output: its shape and host, never its path (which may hold a secret). */
        public String label(int index) {
            return shape.name().toLowerCase(java.util.Locale.ROOT) + " webhook " + (index + 1) + " (" + url.getHost() + ")";
        }
    }

    public NotifySettings {
        webhooks = List.copyOf(webhooks);
        events = Set.copyOf(events);
    }

    @Override
    public String toString() {
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < webhooks.size(); i++) {
            labels.add(webhooks.get(i).label(i));
        }
        return "NotifySettings[webhooks=" + labels + ", events=" + events + ", giveUp=" + giveUp + ", staleAfter=" + staleAfter + "]";
    }

    public boolean on() {
        return !webhooks.isEmpty();
    }

    public boolean wants(String event) {
        return !targets(event).isEmpty();
    }

    /** The webhooks (their indexes) that get notices of {@code event}. */
    public List<Integer> targets(String event) {
        List<Integer> targets = new java.util.ArrayList<>();
        for (int i = 0; i < webhooks.size(); i++) {
            if (webhooks.get(i).only().orElse(events).contains(event)) {
                targets.add(i);
            }
        }
        return targets;
    }
}
