package dev.parceler.laravel;

import dev.parceler.config.SettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Laravel application's {@code .env}, variable by variable: taken (Parceler reads the same
 * name), renamed (Parceler has a new name for it), not needed (the framework's own settings:
 * sessions, caches, queues, Redis) or unknown. Values are never printed: some are secrets.
 */
public final class LaravelEnv {
    /** Old names Parceler still reads, and the name to use now. */
    static final Map<String, String> RENAMED = Map.of("REPOSITORY_MILESTONE_TOKEN", "REPOSITORY_RELEASE_TOKEN");

    /** The framework's settings, which Parceler has no use for (it has no sessions store, cache, queue driver or Redis). */
    private static final Set<String> FRAMEWORK = Set.of("APP_ENV", "APP_DEBUG", "APP_NAME", "APP_LOCALE", "APP_FALLBACK_LOCALE",
            "APP_FAKER_LOCALE", "APP_MAINTENANCE_DRIVER", "APP_MAINTENANCE_STORE", "APP_PREVIOUS_KEYS", "BCRYPT_ROUNDS", "LOG_CHANNEL",
            "LOG_STACK", "LOG_DEPRECATIONS_CHANNEL", "SESSION_DRIVER", "SESSION_LIFETIME_MINUTES", "SESSION_ENCRYPT", "SESSION_PATH",
            "SESSION_DOMAIN", "CACHE_STORE", "CACHE_PREFIX", "QUEUE_CONNECTION", "BROADCAST_CONNECTION", "MAIL_MAILER", "AWS_URL",
            "VITE_APP_NAME", "UID", "GID", "MEMCACHED_HOST", "PHP_CLI_SERVER_WORKERS");

    private LaravelEnv() {
    }

    /** One line per variable of {@code values}, in the file's order. */
    public static List<String> report(Map<String, String> values) {
        List<String> lines = new ArrayList<>();
        for (String name : values.keySet()) {
            if (RENAMED.containsKey(name)) {
                lines.add(name + ": renamed " + RENAMED.get(name) + " (the old name is still read)");
            } else if (SettingsReader.VARIABLES.contains(name)) {
                lines.add(name + ": taken");
            } else if (FRAMEWORK.contains(name) || name.startsWith("REDIS_") || name.startsWith("DB_QUEUE") || name.startsWith("MAIL_")) {
                lines.add(name + ": not needed (a setting of the Laravel framework)");
            } else {
                lines.add(name + ": unknown, not read");
            }
        }
        return lines;
    }
}
