package dev.parceler.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's HTML, rendered with Pebble from {@code web/templates}. Every value is escaped
 * for HTML unless a template says otherwise (none does). Filters format times in
 * {@code APP_TIMEZONE} and relative to the {@link Clock}, sizes in binary units.
 */
public final class Pages {
    private final PebbleEngine engine;

    public Pages(ZoneId zone, Clock clock) {
        ClasspathLoader loader = new ClasspathLoader(Pages.class.getClassLoader());
        loader.setPrefix("web/templates");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .strictVariables(false)
                .extension(new Formats(zone, clock))
                .build();
    }

    public String render(String template, Map<String, Object> model) {
        PebbleTemplate compiled = engine.getTemplate(template);
        StringWriter out = new StringWriter();
        try {
            compiled.evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static final class Formats extends AbstractExtension {
        private final ZoneId zone;
        private final Clock clock;

        Formats(ZoneId zone, Clock clock) {
            this.zone = zone;
            this.clock = clock;
        }

        @Override
        public Map<String, Filter> getFilters() {
            DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(zone);
            return Map.of(
                    "when", filter(value -> value instanceof Instant instant ? when.format(instant) : "—"),
                    "relative", filter(value -> value instanceof Instant instant ? relative(instant) : "unknown"),
                    "seconds", filter(value -> value instanceof Number number ? span(Duration.ofSeconds(number.longValue())) : "—"),
                    "bytes", filter(value -> value instanceof Number number ? bytes(number.longValue()) : "—"),
                    "some", filter(value -> value instanceof Optional<?> optional ? optional.orElse(null) : value));
        }

        private String relative(Instant instant) {
            Duration between = Duration.between(instant, clock.instant());
            return between.isNegative() ? "in " + span(between.negated()) : span(between) + " ago";
        }

        static String span(Duration duration) {
            long seconds = duration.toSeconds();
            if (seconds < 60) {
                return seconds + " s";
            }
            if (seconds < 3600) {
                return seconds / 60 + " min";
            }
            if (seconds < 86_400) {
                return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
            }
            return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
        }

        static String bytes(long bytes) {
            if (bytes < 1024) {
                return bytes + " B";
            }
            String[] units = {"KiB", "MiB", "GiB", "TiB"};
            double value = bytes;
            int unit = -1;
            while (value >= 1024 && unit < units.length - 1) {
                value /= 1024;
                unit++;
            }
            return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
        }

        private static Filter filter(java.util.function.Function<Object, Object> format) {
            return new Filter() {
                @Override
                public List<String> getArgumentNames() {
                    return List.of();
                }

                @Override
                public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
                    return format.apply(input);
                }
            };
        }
    }
}
