package dev.parceler.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jobrunr.scheduling.cron.CronExpression;

/**
 * Reads {@link Settings} from the process environment over an optional {@code .env} file in the
 * working directory. The real environment wins; an empty value counts as unset, as in the
 * Laravel application's {@code .env} files.
 */
public final class SettingsReader {
    public static final String ENV_FILE = ".env";

    /**
     * Every variable read here, each documented in {@code .env.example} (a test checks it).
     * Reading a name missing from this list fails, so the list cannot fall behind the code.
     */
    public static final List<String> VARIABLES = List.of(
            "APP_URL", "APP_TIMEZONE", "APP_KEY", "HTTP_HOST", "HTTP_PORT", "LOG_LEVEL", "DB_CONNECTION", "DB_DATABASE", "DB_HOST",
            "DB_PORT", "DB_USERNAME", "DB_PASSWORD", "DB_URL", "FILESYSTEM_DISK",
            "STORAGE_ROOT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_BUCKET", "AWS_ENDPOINT",
            "AWS_USE_PATH_STYLE_ENDPOINT", "REPOSITORY_SOURCE_FOLDER", "REPOSITORY_BASE_FOLDER", "REPOSITORY_RELEASE_TOKEN",
            "REPOSITORY_MILESTONE_TOKEN",
            "ENTERPRISE_ENDPOINT", "COMMUNITY_ENDPOINT", "SYNC_SCHEDULE", "SYNC_TIMEOUT", "RCLONE_CONFIG",
            "COMMUNITY_AUTH", "ENTERPRISE_AUTH", "AUTH_CREDENTIALS_FILE", "AUTH_REFUSAL_TTL", "AUTH_TIMEOUT",
            "DOWNLOAD_X_ACCEL_PREFIX", "AWS_PRESIGN_ENDPOINT", "AWS_PRESIGN_TTL", "AWS_COPY_CONCURRENCY",
            "NETIFYD_API_ENDPOINT", "NETIFYD_API_KEY", "NETIFYD_LICENSE_SUFFIX", "NETIFYD_ENTITLEMENTS", "NETIFYD_TIMEOUT",
            "DOWNLOAD_S3_MODE", "STATUS_PAGE", "METRICS_TOKEN", "SESSION_LIFETIME", "REPOSITORY_KEEP_SERVED",
            "SWITCH_GRACE", "SERVE_STOP_TIMEOUT", "STAFF_MACHINES", "TRUSTED_PROXIES", "SIGNIN_CONCURRENCY",
            "AUTH_NEW_PER_ADDRESS", "STATUS_CACHE", "FLEET_SIGHTINGS_DAYS", "FLEET_SIGHTINGS_MAX", "FEED_INDEX_MAX_MB",
            "NOTIFY_WEBHOOKS", "NOTIFY_EVENTS", "NOTIFY_GIVE_UP", "NOTIFY_STALE_HOURS", "BACKUP_SCHEDULE", "BACKUP_DIR", "BACKUP_KEEP", "BACKUP_DISK");

    /** S3's bucket naming rules, which the S3-compatible services share. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private final Map<String, String> environment;
    private final Path workingDirectory;

    public SettingsReader(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    public Settings read() {
        Map<String, String> values = merged();
        Path envFile = workingDirectory.resolve(ENV_FILE);
        DiskKind disk = choice(values, "FILESYSTEM_DISK", "local", DiskKind.class);
        DiskKind backupDisk = choice(values, "BACKUP_DISK", "local", DiskKind.class);
        // The bucket's settings are read for either use: the repositories' disk, or backups off the machine.
        Optional<S3Settings> s3 = disk == DiskKind.S3 ? Optional.of(s3(values, "FILESYSTEM_DISK"))
                : backupDisk == DiskKind.S3 ? Optional.of(s3(values, "BACKUP_DISK")) : Optional.empty();
        return new Settings(
                zone(values),
                optional(values, "APP_KEY"),
                choice(values, "LOG_LEVEL", "info", LogLevel.class),
                envFile,
                http(values),
                database(values),
                storage(values, disk, s3),
                auth(values),
                sync(values),
                serving(values),
                netifyd(values),
                new ConsoleSettings(choice(values, "STATUS_PAGE", "public", ConsoleSettings.StatusPage.class),
                        optional(values, "METRICS_TOKEN"), seconds(values, "SESSION_LIFETIME", 8 * 60 * 60)),
                clientLimits(values),
                notify(values),
                new BackupSettings(cron(values, "BACKUP_SCHEDULE", ""), path(values, "BACKUP_DIR", "storage/backups"),
                        whole(values, "BACKUP_KEEP", 7, 1, 1000), backupDisk));
    }

    private static HttpSettings http(Map<String, String> values) {
        return new HttpSettings(httpUri(values, "APP_URL", "http://localhost:8080"), text(values, "HTTP_HOST", "0.0.0.0"),
                portNumber("HTTP_PORT", text(values, "HTTP_PORT", "8080")), seconds(values, "SERVE_STOP_TIMEOUT", 30),
                xAccelPrefix(values));
    }

    private StorageSettings storage(Map<String, String> values, DiskKind disk, Optional<S3Settings> s3) {
        return new StorageSettings(disk, path(values, "STORAGE_ROOT", "storage/app"), s3,
                folder(values, "REPOSITORY_SOURCE_FOLDER", "source"), folder(values, "REPOSITORY_BASE_FOLDER", "snapshots"));
    }

    private AuthSettings auth(Map<String, String> values) {
        return new AuthSettings(choice(values, "COMMUNITY_AUTH", "subscription", AuthMode.class),
                choice(values, "ENTERPRISE_AUTH", "subscription", AuthMode.class),
                httpUri(values, "COMMUNITY_ENDPOINT", "https://my.nethserver.com/api/machine/info"),
                httpUri(values, "ENTERPRISE_ENDPOINT", "https://my.nethesis.it/auth"),
                path(values, "AUTH_CREDENTIALS_FILE", "storage/credentials"),
                seconds(values, "AUTH_REFUSAL_TTL", 300), seconds(values, "AUTH_TIMEOUT", 5));
    }

    private static SyncSettings sync(Map<String, String> values) {
        return new SyncSettings(cron(values), seconds(values, "SYNC_TIMEOUT", 1800), optional(values, "RCLONE_CONFIG"));
    }

    private static ServingSettings serving(Map<String, String> values) {
        return new ServingSettings(whole(values, "REPOSITORY_KEEP_SERVED", 2, 0, 1000),
                Duration.ofSeconds(whole(values, "SWITCH_GRACE", 900, 0, 86_400)),
                optional(values, "REPOSITORY_RELEASE_TOKEN"), optional(values, "REPOSITORY_MILESTONE_TOKEN"), staffMachines(values));
    }

    private static NotifySettings notify(Map<String, String> values) {
        List<NotifySettings.Webhook> webhooks = new java.util.ArrayList<>();
        for (String given : text(values, "NOTIFY_WEBHOOKS", "").split("[,\\s]+")) {
            if (given.isEmpty()) {
                continue;
            }
            NotifySettings.Shape shape = NotifySettings.Shape.GENERIC;
            String url = given;
            int colon = given.indexOf(':');
            if (colon > 0 && !given.substring(colon).startsWith("://")) {
                String name = given.substring(0, colon);
                shape = java.util.Arrays.stream(NotifySettings.Shape.values()).filter(each -> each.name().equalsIgnoreCase(name))
                        .findFirst().orElseThrow(() -> new SettingsException("NOTIFY_WEBHOOKS: '" + name
                                + "' is not a webhook shape (generic, slack, discord or teams)."));
                url = given.substring(colon + 1);
            }
            // A URL's fragment is never sent to its server: it names the events this webhook gets.
            Optional<java.util.Set<String>> only = Optional.empty();
            int hash = url.indexOf('#');
            if (hash >= 0) {
                only = Optional.of(events("NOTIFY_WEBHOOKS: webhook " + (webhooks.size() + 1), url.substring(hash + 1).split("\\+")));
                url = url.substring(0, hash);
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                // The value is not repeated: a webhook URL holds a secret.
                throw new SettingsException("NOTIFY_WEBHOOKS: webhook " + (webhooks.size() + 1) + " is not an http(s) URL.");
            }
            webhooks.add(new NotifySettings.Webhook(shape, uri, only));
        }
        if (webhooks.size() > 16) {
            throw new SettingsException("NOTIFY_WEBHOOKS: at most 16 webhooks, got " + webhooks.size() + ".");
        }
        // Empty is every event, as unset is: an .env copied with NOTIFY_EVENTS= must not silence the notices.
        String named = text(values, "NOTIFY_EVENTS", "").strip();
        java.util.Set<String> events = events("NOTIFY_EVENTS",
                (named.isEmpty() ? String.join(",", NotifySettings.EVENTS) : named).split("[,\\s]+"));
        return new NotifySettings(webhooks, events, Duration.ofSeconds(whole(values, "NOTIFY_GIVE_UP", 3600, 10, 7 * 86_400)),
                Duration.ofHours(whole(values, "NOTIFY_STALE_HOURS", 48, 1, 8760)));
    }

    private static java.util.Set<String> events(String where, String[] names) {
        java.util.Set<String> events = new java.util.LinkedHashSet<>();
        for (String event : names) {
            if (event.isEmpty()) {
                continue;
            }
            if (!NotifySettings.EVENTS.contains(event)) {
                throw new SettingsException(where + ": '" + event + "' is not an event (" + String.join(", ", NotifySettings.EVENTS)
                        + ").");
            }
            events.add(event);
        }
        return events;
    }

    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)(/\\d{1,3})?");

    private static ClientLimits clientLimits(Map<String, String> values) {
        List<String> proxies = new java.util.ArrayList<>();
        for (String range : text(values, "TRUSTED_PROXIES", ClientLimits.DEFAULT_TRUSTED_PROXIES).split("[,\\s]+")) {
            if (range.isEmpty()) {
                continue;
            }
            if (!CIDR.matcher(range).matches() || !AddressRange.valid(range)) {
                throw new SettingsException("TRUSTED_PROXIES must be addresses or address ranges such as 127.0.0.1 or"
                        + " 172.16.0.0/12 (no host names), got '" + range + "'.");
            }
            proxies.add(range);
        }
        int statusEvery = whole(values, "STATUS_CACHE", 1, 0, 300);
        return new ClientLimits(proxies,
                whole(values, "SIGNIN_CONCURRENCY", 2, 1, 64),
                whole(values, "AUTH_NEW_PER_ADDRESS", 4, 1, 1000),
                Duration.ofSeconds(statusEvery),
                Duration.ofDays(whole(values, "FLEET_SIGHTINGS_DAYS", 90, 1, 3650)),
                whole(values, "FLEET_SIGHTINGS_MAX", 1_000_000, 1000, 100_000_000),
                whole(values, "FEED_INDEX_MAX_MB", 1024, 1, 65_536) * 1024L * 1024);
    }

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");

    /**
     * {@code DB_CONNECTION} and the variables of its kind. For sqlite {@code DB_DATABASE} is the file,
     * as it always was; the server variables are ignored then, as Laravel does (its .env files often
     * keep DB_HOST and the like around). For pgsql, {@code DB_URL} wins over the separate variables
     * for what it names, and those fill in what it leaves out.
     */
    private DatabaseSettings database(Map<String, String> values) {
        DatabaseKind kind = choice(values, "DB_CONNECTION", "sqlite", DatabaseKind.class);
        if (kind == DatabaseKind.SQLITE) {
            if (values.containsKey("DB_URL")) {
                throw new SettingsException("DB_URL names a PostgreSQL server, but DB_CONNECTION is sqlite: set DB_CONNECTION=pgsql"
                        + " to use it, or remove DB_URL.");
            }
            return DatabaseSettings.sqlite(path(values, "DB_DATABASE", "storage/database.sqlite"));
        }
        String host = text(values, "DB_HOST", "127.0.0.1");
        int port = portNumber("DB_PORT", text(values, "DB_PORT", "5432"));
        String database = values.get("DB_DATABASE");
        String username = text(values, "DB_USERNAME", "parceler");
        Optional<String> password = optional(values, "DB_PASSWORD");
        String options = "";
        String url = values.get("DB_URL");
        if (url != null) {
            PostgresUrl parsed = PostgresUrl.parse(url);
            host = parsed.host().orElse(host);
            port = parsed.port().orElse(port);
            database = parsed.database().orElse(database);
            username = parsed.username().orElse(username);
            password = parsed.password().or(() -> optional(values, "DB_PASSWORD"));
            options = parsed.options();
        }
        if (database == null) {
            database = "parceler";
        }
        if (!DATABASE_NAME.matcher(database).matches()) {
            String hint = database.contains("/") || database.contains(".") ? " (it looks like a SQLite file; with DB_CONNECTION=pgsql,"
                    + " DB_DATABASE is the name of the database on the server)" : "";
            throw new SettingsException("DB_DATABASE must be a PostgreSQL database name such as 'parceler' (letters, digits, '_',"
                    + " '$' and '-', at most 63), got '" + database + "'" + hint + ".");
        }
        if (!host.matches("[A-Za-z0-9._:-]+")) {
            throw new SettingsException("DB_HOST must be a host name or an IP address, got '" + host + "'.");
        }
        if (username.isBlank()) {
            throw new SettingsException("DB_USERNAME must not be blank when DB_CONNECTION is pgsql.");
        }
        return DatabaseSettings.postgres(new PostgresSettings(host, port, database, username, password, options));
    }

    static int portNumber(String name, String raw) {
        try {
            int port = Integer.parseInt(raw);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingsException(name + " must be a port number from 1 to 65535, got '" + raw + "'.");
    }

    /** Entitlement names as Netify writes them: {@code netify-proc-aggregator}. */
    private static final Pattern ENTITLEMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private static NetifydSettings netifyd(Map<String, String> values) {
        List<String> entitlements = NetifydSettings.DEFAULT_ENTITLEMENTS;
        String raw = values.get("NETIFYD_ENTITLEMENTS");
        if (raw != null) {
            List<String> names = new java.util.ArrayList<>();
            for (String name : raw.split("[,\\s]+")) {
                if (!name.isEmpty() && !names.contains(name)) {
                    names.add(name);
                }
            }
            if (names.isEmpty() || !names.stream().allMatch(name -> ENTITLEMENT.matcher(name).matches())) {
                throw new SettingsException("NETIFYD_ENTITLEMENTS must be entitlement names separated by commas, such as"
                        + " 'netify-proc-aggregator,netify-proc-flow-actions', got '" + raw + "'.");
            }
            entitlements = names;
        }
        return new NetifydSettings(
                httpUri(values, "NETIFYD_API_ENDPOINT", "https://agents.netify.ai"),
                optional(values, "NETIFYD_API_KEY"),
                optional(values, "NETIFYD_LICENSE_SUFFIX"),
                entitlements,
                seconds(values, "NETIFYD_TIMEOUT", 10));
    }

    private static Optional<String> xAccelPrefix(Map<String, String> values) {
        String raw = values.get("DOWNLOAD_X_ACCEL_PREFIX");
        if (raw == null) {
            return Optional.empty();
        }
        if (!raw.matches("/[A-Za-z0-9._/-]*") || raw.contains("..")) {
            throw new SettingsException("DOWNLOAD_X_ACCEL_PREFIX must be an internal nginx location such as /internal, got '" + raw + "'.");
        }
        return Optional.of(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
    }

    /** The merged values, answering only for declared names. */
    private static final class Declared extends HashMap<String, String> {
        @Override
        public String get(Object name) {
            return super.get(declared(name));
        }

        @Override
        public String getOrDefault(Object name, String fallback) {
            return super.getOrDefault(declared(name), fallback);
        }

        @Override
        public boolean containsKey(Object name) {
            return super.containsKey(declared(name));
        }

        private static Object declared(Object name) {
            if (!VARIABLES.contains(name)) {
                throw new IllegalStateException(name + " is read but not declared in SettingsReader.VARIABLES");
            }
            return name;
        }
    }

    private Map<String, String> merged() {
        Map<String, String> values = new Declared();
        Path envFile = workingDirectory.resolve(ENV_FILE);
        if (Files.isRegularFile(envFile)) {
            try {
                Dotenv dotenv = Dotenv.configure()
                        .directory(workingDirectory.toString())
                        .filename(ENV_FILE)
                        .load();
                for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                    values.put(entry.getKey(), entry.getValue());
                }
            } catch (DotenvException e) {
                throw new SettingsException("Cannot read " + envFile + ": " + e.getMessage());
            }
        }
        values.putAll(environment);
        values.replaceAll((key, value) -> value == null ? "" : value.trim());
        values.values().removeIf(String::isEmpty);
        return values;
    }

    /** System ids, separated by commas or white space. */
    private static java.util.Set<String> staffMachines(Map<String, String> values) {
        java.util.Set<String> machines = new java.util.TreeSet<>();
        for (String id : text(values, "STAFF_MACHINES", "").split("[,\\s]+")) {
            if (id.isEmpty()) {
                continue;
            }
            if (id.length() > 255 || !id.chars().allMatch(c -> c > ' ' && c < 127 && c != ':')) {
                throw new SettingsException("STAFF_MACHINES: '" + id + "' is not a system id (printable ASCII without ':', at most 255).");
            }
            machines.add(id);
        }
        return machines;
    }

    private static Optional<String> optional(Map<String, String> values, String name) {
        return Optional.ofNullable(values.get(name));
    }

    private static String text(Map<String, String> values, String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    private static URI httpUri(Map<String, String> values, String name, String fallback) {
        String raw = text(values, name, fallback);
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new SettingsException(name + " must be an http:// or https:// URL, got '" + raw + "'.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new SettingsException(name + " must be an http:// or https:// URL, got '" + raw + "'.");
        }
    }

    private static ZoneId zone(Map<String, String> values) {
        String raw = values.get("APP_TIMEZONE");
        if (raw == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(raw);
        } catch (DateTimeException e) {
            throw new SettingsException("APP_TIMEZONE must be a time zone such as Europe/Rome or UTC, got '" + raw + "'.");
        }
    }

    private static <E extends Enum<E>> E choice(Map<String, String> values, String name, String fallback, Class<E> type) {
        String raw = text(values, name, fallback);
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new SettingsException(name + " must be one of " + allowed + ", got '" + raw + "'.");
        }
    }

    private Path path(Map<String, String> values, String name, String fallback) {
        String raw = text(values, name, fallback);
        try {
            return workingDirectory.resolve(raw).normalize();
        } catch (RuntimeException e) {
            throw new SettingsException(name + " must be a file system path, got '" + raw + "'.");
        }
    }

    private static String folder(Map<String, String> values, String name, String fallback) {
        String raw = text(values, name, fallback);
        boolean dotSegment = raw.equals(".") || raw.equals("..") || raw.startsWith("../") || raw.contains("/../")
                || raw.endsWith("/..") || raw.startsWith("./") || raw.contains("/./");
        if (!FOLDER.matcher(raw).matches() || dotSegment) {
            throw new SettingsException(name + " must be a relative folder on the disk such as '" + fallback + "', got '" + raw + "'.");
        }
        return raw;
    }

    private static String cron(Map<String, String> values) {
        return cron(values, "SYNC_SCHEDULE", "0 0 * * *").orElseThrow();
    }

    /** A cron expression, or empty when the variable is unset and {@code fallback} is empty. */
    private static Optional<String> cron(Map<String, String> values, String name, String fallback) {
        String raw = text(values, name, fallback);
        if (raw.isBlank()) {
            return Optional.empty();
        }
        String expression = String.join(" ", raw.strip().split("\\s+"));
        try {
            new CronExpression(expression);
            return Optional.of(expression);
        } catch (RuntimeException e) {
            throw new SettingsException(name + " must be a cron expression of 5 fields (minute hour day month"
                    + " weekday), or 6 with seconds first, got '" + raw + "'.");
        }
    }

    private static Duration seconds(Map<String, String> values, String name, int fallback) {
        String raw = text(values, name, Integer.toString(fallback));
        try {
            long seconds = Long.parseLong(raw);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingsException(name + " must be a whole number of seconds greater than 0, got '" + raw + "'.");
    }

    private static int whole(Map<String, String> values, String name, int fallback, int min, int max) {
        String raw = text(values, name, Integer.toString(fallback));
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingsException(name + " must be a whole number from " + min + " to " + max + ", got '" + raw + "'.");
    }

    private static boolean bool(Map<String, String> values, String name, boolean fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> {
                return true;
            }
            case "false", "0", "no", "off" -> {
                return false;
            }
            default -> throw new SettingsException(name + " must be true or false, got '" + raw + "'.");
        }
    }

    private static S3Settings s3(Map<String, String> values, String usedBy) {
        String bucket = values.get("AWS_BUCKET");
        if (bucket == null) {
            throw new SettingsException("AWS_BUCKET must be set when " + usedBy + " is s3.");
        }
        if (!BUCKET.matcher(bucket).matches()) {
            throw new SettingsException("AWS_BUCKET must be a bucket name (3-63 lower-case letters, digits, '.' and '-'), got '"
                    + bucket + "'.");
        }
        if (values.containsKey("AWS_ACCESS_KEY_ID") != values.containsKey("AWS_SECRET_ACCESS_KEY")) {
            throw new SettingsException("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together"
                    + " (or both left empty to use the machine's own AWS credentials).");
        }
        URI endpoint = values.containsKey("AWS_ENDPOINT") ? httpUri(values, "AWS_ENDPOINT", "") : null;
        URI presignEndpoint = values.containsKey("AWS_PRESIGN_ENDPOINT") ? httpUri(values, "AWS_PRESIGN_ENDPOINT", "") : endpoint;
        int copies = whole(values, "AWS_COPY_CONCURRENCY", 16, 1, 256);
        Duration presignTtl = seconds(values, "AWS_PRESIGN_TTL", 60);
        if (presignTtl.compareTo(Duration.ofDays(7)) > 0) {
            throw new SettingsException("AWS_PRESIGN_TTL must be at most 604800 seconds (7 days, S3's limit), got '"
                    + values.get("AWS_PRESIGN_TTL") + "'.");
        }
        return new S3Settings(
                values.get("AWS_ACCESS_KEY_ID"),
                values.get("AWS_SECRET_ACCESS_KEY"),
                text(values, "AWS_DEFAULT_REGION", "us-east-1"),
                bucket,
                endpoint,
                bool(values, "AWS_USE_PATH_STYLE_ENDPOINT", false),
                presignEndpoint,
                presignTtl,
                copies,
                choice(values, "DOWNLOAD_S3_MODE", "redirect", S3DownloadMode.class));
    }
}
