package dev.parceler.web;

import dev.parceler.web.MaintenancePage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The maintenance page browsers get, with the time to come back when {@code down --retry} gave one. */
public final class HtmlMaintenancePage implements MaintenancePage {
    private final Pages pages;
    private final Clock clock;
    private final DateTimeFormatter time;

    public HtmlMaintenancePage(Pages pages, ZoneId zone, Clock clock) {
        this.pages = pages;
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("HH:mm z", Locale.ROOT).withZone(zone);
    }

    @Override
    public String html(Optional<Integer> retryAfterSeconds) {
        Map<String, Object> model = new HashMap<>();
        retryAfterSeconds.ifPresent(seconds -> {
            model.put("retry", seconds);
            model.put("retryText", seconds < 120 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes");
            model.put("retryAt", time.format(clock.instant().plus(Duration.ofSeconds(seconds))));
        });
        return pages.render("maintenance", model);
    }
}
