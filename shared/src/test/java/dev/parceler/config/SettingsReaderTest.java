package dev.parceler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsReaderTest {
    @TempDir
    Path home;

    @Test
    void defaultsGiveAWorkingSingleMachineUnderStorage() {
        Settings settings = new SettingsReader(Map.of(), home).read();

        assertThat(settings.http().appUrl()).hasToString("http://localhost:8080");
        assertThat(settings.timezone()).isEqualTo(ZoneId.systemDefault());
        assertThat(settings.appKey()).isEmpty();
        assertThat(settings.http().port()).isEqualTo(8080);
        assertThat(settings.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(settings.database()).isEqualTo(DatabaseSettings.sqlite(home.resolve("storage/database.sqlite")));
        assertThat(settings.storage().disk()).isEqualTo(DiskKind.LOCAL);
        assertThat(settings.storage().root()).isEqualTo(home.resolve("storage/app"));
        assertThat(settings.storage().sourceFolder()).isEqualTo("source");
        assertThat(settings.storage().snapshotFolder()).isEqualTo("snapshots");
        assertThat(settings.serving().milestoneToken()).isEmpty();
        assertThat(settings.auth().enterpriseEndpoint()).hasToString("https://my.nethesis.it/auth");
        assertThat(settings.auth().communityEndpoint()).hasToString("https://my.nethserver.com/api/machine/info");
        assertThat(settings.sync().schedule()).isEqualTo("0 0 * * *");
        assertThat(settings.sync().timeout()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(settings.sync().rcloneConfig()).isEmpty();
        assertThat(settings.http().stopTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsTheEnvFileAndTheRealEnvironmentWins() throws Exception {
        Files.writeString(home.resolve(".env"), """
                # comment
                HTTP_PORT=9000
                APP_TIMEZONE="Europe/Rome"
                DB_DATABASE=/var/lib/parceler/db.sqlite
                LOG_LEVEL=warn
                APP_KEY=
                """);

        Settings settings = new SettingsReader(Map.of("HTTP_PORT", "9100"), home).read();

        assertThat(settings.http().port()).isEqualTo(9100);
        assertThat(settings.timezone()).isEqualTo(ZoneId.of("Europe/Rome"));
        assertThat(settings.database().file()).contains(Path.of("/var/lib/parceler/db.sqlite"));
        assertThat(settings.logLevel()).isEqualTo(LogLevel.WARN);
        assertThat(settings.appKey()).as("an empty value counts as unset").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "APP_URL|ftp://example.org",
        "APP_URL|not a url",
        "APP_TIMEZONE|Mars/Olympus",
        "HTTP_PORT|http",
        "HTTP_PORT|70000",
        "LOG_LEVEL|verbose",
        "FILESYSTEM_DISK|nfs",
        "REPOSITORY_SOURCE_FOLDER|../elsewhere",
        "REPOSITORY_BASE_FOLDER|/absolute",
        "ENTERPRISE_ENDPOINT|my.nethesis.it",
        "COMMUNITY_ENDPOINT|://",
        "SYNC_SCHEDULE|every day",
        "SYNC_SCHEDULE|0 0 * *",
        "SYNC_TIMEOUT|-5",
        "SYNC_TIMEOUT|ten",
        "SERVE_STOP_TIMEOUT|0",
        "SERVE_STOP_TIMEOUT|30s",
        "DB_CONNECTION|mysql",
        "TRUSTED_PROXIES|nginx",
        "TRUSTED_PROXIES|10.0.0.0/33",
        "SIGNIN_CONCURRENCY|0",
        "AUTH_NEW_PER_ADDRESS|many",
        "STATUS_CACHE|301",
        "FLEET_SIGHTINGS_DAYS|0",
        "FLEET_SIGHTINGS_MAX|10",
        "FEED_INDEX_MAX_MB|0",
    })
    void aMalformedValueFailsNamingTheVariable(String name, String value) {
        assertThatThrownBy(() -> new SettingsReader(Map.of(name, value), home).read())
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(name + " must be")
                .hasMessageContaining(value);
    }

    @Test
    void whatAClientMayCostIsReadWithItsDefaults() {
        ClientLimits defaults = new SettingsReader(Map.of(), home).read().limits();
        assertThat(defaults).isEqualTo(new ClientLimits(List.of(ClientLimits.DEFAULT_TRUSTED_PROXIES.split(",")), 2, 4,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofDays(90), 1_000_000, 1024L * 1024 * 1024));
        ClientLimits set = new SettingsReader(Map.of("TRUSTED_PROXIES", "192.0.2.10, 2001:db8::/32", "SIGNIN_CONCURRENCY", "4",
                "STATUS_CACHE", "0", "FEED_INDEX_MAX_MB", "16"), home).read().limits();
        assertThat(set.trustedProxies()).containsExactly("192.0.2.10", "2001:db8::/32");
        assertThat(set.signInChecks()).isEqualTo(4);
        assertThat(set.statusEvery()).isZero();
        assertThat(set.feedIndexBytes()).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void noticesGoToEachWebhookForTheEventsItsFragmentNamesElseForNotifyEvents() {
        NotifySettings notices = new SettingsReader(Map.of("NOTIFY_WEBHOOKS",
                "https://hooks.example/generic, slack:https://hooks.example/services/T0/B0/secret#run_failed+repository_stale",
                "NOTIFY_EVENTS", "run_failed,release"), home).read().notices();

        assertThat(notices.webhooks()).hasSize(2);
        assertThat(notices.webhooks().get(1).shape()).isEqualTo(NotifySettings.Shape.SLACK);
        assertThat(notices.webhooks().get(1).url()).as("the fragment is not part of the URL posted to")
                .hasToString("https://hooks.example/services/T0/B0/secret");
        assertThat(notices.targets("run_failed")).containsExactly(0, 1);
        assertThat(notices.targets("release")).containsExactly(0);
        assertThat(notices.targets("repository_stale")).containsExactly(1);
        assertThat(notices.targets("snapshot_live")).isEmpty();
        assertThat(notices.staleAfter()).hasHours(48);
        assertThat(notices.toString()).doesNotContain("secret");

        assertThatThrownBy(() -> new SettingsReader(Map.of("NOTIFY_WEBHOOKS", "https://a.example/x, https://b.example/s3cr3t#run_failed+oops"),
                home).read()).hasMessageStartingWith("NOTIFY_WEBHOOKS: webhook 2: 'oops' is not an event (run_failed, ")
                .message().doesNotContain("s3cr3t");
        assertThatThrownBy(() -> new SettingsReader(Map.of("NOTIFY_STALE_HOURS", "0"), home).read())
                .hasMessageStartingWith("NOTIFY_STALE_HOURS");
        assertThat(new SettingsReader(Map.of("NOTIFY_STALE_HOURS", "6"), home).read().notices().staleAfter()).hasHours(6);
        assertThat(new SettingsReader(Map.of("NOTIFY_EVENTS", " "), home).read().notices().events()).as("empty is every event")
                .containsExactlyInAnyOrderElementsOf(NotifySettings.EVENTS);
    }

    @Test
    void s3NeedsABucketAndAValidPathStyleFlag() {
        assertThatThrownBy(() -> new SettingsReader(Map.of("FILESYSTEM_DISK", "s3"), home).read())
                .hasMessage("AWS_BUCKET must be set when FILESYSTEM_DISK is s3.");
        assertThatThrownBy(() -> new SettingsReader(
                Map.of("FILESYSTEM_DISK", "s3", "AWS_BUCKET", "bucket", "AWS_USE_PATH_STYLE_ENDPOINT", "maybe"), home).read())
                .hasMessageStartingWith("AWS_USE_PATH_STYLE_ENDPOINT must be true or false");
        assertThatThrownBy(() -> new SettingsReader(Map.of("FILESYSTEM_DISK", "s3", "AWS_BUCKET", "b"), home).read())
                .hasMessage("AWS_BUCKET must be a bucket name (3-63 lower-case letters, digits, '.' and '-'), got 'b'.");

        Settings settings = new SettingsReader(Map.of("FILESYSTEM_DISK", "S3", "AWS_BUCKET", "packages",
                "AWS_ACCESS_KEY_ID", "key-id", "AWS_SECRET_ACCESS_KEY", "very-secret", "AWS_USE_PATH_STYLE_ENDPOINT", "true",
                "AWS_ENDPOINT", "http://127.0.0.1:9000"), home).read();
        assertThat(settings.storage().s3()).hasValueSatisfying(s3 -> {
            assertThat(s3.bucket()).isEqualTo("packages");
            assertThat(s3.pathStyle()).isTrue();
            assertThat(s3.region()).isEqualTo("us-east-1");
            assertThat(s3.presignEndpoint()).hasToString("http://127.0.0.1:9000");
            assertThat(s3.presignTtl()).hasSeconds(60);
            assertThat(s3.copyConcurrency()).isEqualTo(16);
        });
        assertThat(settings.toString()).doesNotContain("very-secret");
    }

    @Test
    void s3DownloadAndCopySettingsAreChecked() {
        Map<String, String> s3 = Map.of("FILESYSTEM_DISK", "s3", "AWS_BUCKET", "packages");
        java.util.function.Function<Map<String, String>, Settings> read = extra -> {
            Map<String, String> all = new java.util.HashMap<>(s3);
            all.putAll(extra);
            return new SettingsReader(all, home).read();
        };

        assertThatThrownBy(() -> read.apply(Map.of("AWS_SECRET_ACCESS_KEY", "secret")))
                .hasMessageStartingWith("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
        assertThatThrownBy(() -> read.apply(Map.of("AWS_PRESIGN_TTL", "604801")))
                .hasMessage("AWS_PRESIGN_TTL must be at most 604800 seconds (7 days, S3's limit), got '604801'.");
        assertThatThrownBy(() -> read.apply(Map.of("AWS_COPY_CONCURRENCY", "0")))
                .hasMessage("AWS_COPY_CONCURRENCY must be a whole number from 1 to 256, got '0'.");
        assertThatThrownBy(() -> read.apply(Map.of("AWS_PRESIGN_ENDPOINT", "ftp://files")))
                .hasMessage("AWS_PRESIGN_ENDPOINT must be an http:// or https:// URL, got 'ftp://files'.");

        Settings settings = read.apply(Map.of("AWS_ENDPOINT", "http://minio:9000", "AWS_PRESIGN_ENDPOINT",
                "https://packages.example.org", "AWS_PRESIGN_TTL", "120", "AWS_COPY_CONCURRENCY", "32"));
        assertThat(settings.storage().s3()).hasValueSatisfying(disk -> {
            assertThat(disk.presignEndpoint()).hasToString("https://packages.example.org");
            assertThat(disk.presignTtl()).hasSeconds(120);
            assertThat(disk.copyConcurrency()).isEqualTo(32);
        });
    }

    @Test
    void everyVariableTheCodeReadsIsDocumentedInEnvExample() throws Exception {
        String example = Files.readString(Path.of("..", ".env.example"));
        java.util.Set<String> documented = new java.util.HashSet<>();
        java.util.regex.Matcher assignment = java.util.regex.Pattern.compile("(?m)^(?:# )?([A-Z][A-Z0-9_]+)=").matcher(example);
        while (assignment.find()) {
            documented.add(assignment.group(1));
        }

        assertThat(documented).containsAll(SettingsReader.VARIABLES);
        // Reading every declared variable at once works (none is misspelled against the list).
        Map<String, String> all = new java.util.HashMap<>();
        SettingsReader.VARIABLES.forEach(name -> all.put(name, ""));
        assertThat(new SettingsReader(all, home).read().http().port()).isEqualTo(8080);
    }

    /**
     * The configuration page's table is the operator's reference: it names exactly the variables
     * the code reads, and where it gives a default as a literal, {@code .env.example} gives the same.
     */
    @Test
    void theConfigurationPageNamesEveryVariableWithTheDefaultsOfEnvExample() throws Exception {
        String table = Files.readString(Path.of("..", "docs", "configuration.md"));
        Map<String, String> example = new java.util.HashMap<>();
        java.util.regex.Matcher assignment = java.util.regex.Pattern.compile("(?m)^(?:# )?([A-Z][A-Z0-9_]+)=(.*)$")
                .matcher(Files.readString(Path.of("..", ".env.example")));
        while (assignment.find()) {
            example.putIfAbsent(assignment.group(1), assignment.group(2).strip().replaceAll("^\"(.*)\"$", "$1"));
        }
        java.util.Set<String> listed = new java.util.TreeSet<>();
        java.util.List<String> differing = new java.util.ArrayList<>();
        for (String line : table.lines().filter(line -> line.startsWith("| `")).toList()) {
            String[] cells = line.split("\\|");
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(cells[1]);
            java.util.regex.Matcher literal = java.util.regex.Pattern.compile("^\\s*`([^`]*)`\\s*$").matcher(cells[2]);
            while (names.find()) {
                String name = names.group(1);
                listed.add(name);
                String given = example.getOrDefault(name, "");
                if (literal.matches() && !given.isEmpty() && !given.equals(literal.group(1))) {
                    differing.add(name + ": docs/configuration.md `" + literal.group(1) + "`, .env.example " + given);
                }
            }
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(new java.util.TreeSet<>(SettingsReader.VARIABLES));
        assertThat(differing).as("defaults that differ between docs/configuration.md and .env.example").isEmpty();
    }

    @Test
    void secretsStayOutOfTheTextForm() {
        Settings settings = new SettingsReader(
                Map.of("APP_KEY", "base64:c2VjcmV0", "REPOSITORY_MILESTONE_TOKEN", "token-123", "NETIFYD_API_KEY", "netify-key-7"), home).read();

        assertThat(settings.toString()).doesNotContain("c2VjcmV0").doesNotContain("token-123").doesNotContain("netify-key-7");
        assertThat(settings.serving().toString()).as("each concern's own text form too").doesNotContain("token-123");
    }

    @Test
    void theNetifydApiIsOffWithoutAKeyAndAsksTheFourEntitlementsByDefault() {
        NetifydSettings netifyd = new SettingsReader(Map.of(), home).read().netifyd();

        assertThat(netifyd.enabled()).isFalse();
        assertThat(netifyd.endpoint()).hasToString("https://agents.netify.ai");
        assertThat(netifyd.licenseSuffix()).isEmpty();
        assertThat(netifyd.entitlements()).containsExactly("netify-proc-aggregator", "netify-proc-flow-actions",
                "netify-proc-dev-discovery", "netify-sink-sqlite");
        assertThat(netifyd.timeout()).hasSeconds(10);
    }

    @Test
    void theNetifydSettingsAreRead() {
        NetifydSettings netifyd = new SettingsReader(Map.of("NETIFYD_API_KEY", "key-42", "NETIFYD_API_ENDPOINT", "http://127.0.0.1:9000",
                "NETIFYD_LICENSE_SUFFIX", "staging", "NETIFYD_ENTITLEMENTS", " netify-proc-aggregator,netify-proc-flow-actions  netify-proc-aggregator,",
                "NETIFYD_TIMEOUT", "3"), home).read().netifyd();

        assertThat(netifyd.enabled()).isTrue();
        assertThat(netifyd.apiKey()).contains("key-42");
        assertThat(netifyd.endpoint()).hasToString("http://127.0.0.1:9000");
        assertThat(netifyd.licenseSuffix()).contains("staging");
        assertThat(netifyd.entitlements()).containsExactly("netify-proc-aggregator", "netify-proc-flow-actions");
        assertThat(netifyd.timeout()).hasSeconds(3);
        assertThat(netifyd.toString()).doesNotContain("key-42");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "NETIFYD_ENTITLEMENTS|netify-proc-aggregator;rm -rf|NETIFYD_ENTITLEMENTS must be entitlement names separated by commas",
            "NETIFYD_ENTITLEMENTS|,,|NETIFYD_ENTITLEMENTS must be entitlement names separated by commas",
            "NETIFYD_API_ENDPOINT|agents.netify.ai|NETIFYD_API_ENDPOINT must be an http:// or https:// URL",
            "NETIFYD_TIMEOUT|0|NETIFYD_TIMEOUT must be a whole number of seconds greater than 0"})
    void badNetifydValuesAreNamed(String name, String value, String message) {
        assertThatThrownBy(() -> new SettingsReader(Map.of(name, value), home).read())
                .isInstanceOf(SettingsException.class).hasMessageStartingWith(message);
    }

    @Test
    void postgresIsReadFromTheSeparateVariablesWithLaravelsNames() {
        Settings settings = new SettingsReader(Map.of("DB_CONNECTION", "pgsql", "DB_HOST", "db.example", "DB_DATABASE", "mirror",
                "DB_USERNAME", "parceler_app", "DB_PASSWORD", "s3cr3t-pw"), home).read();

        assertThat(settings.database().kind()).isEqualTo(DatabaseKind.PGSQL);
        assertThat(settings.database().file()).as("no SQLite file with a server").isEmpty();
        PostgresSettings server = settings.database().postgres().orElseThrow();
        assertThat(server).isEqualTo(new PostgresSettings("db.example", 5432, "mirror", "parceler_app", java.util.Optional.of("s3cr3t-pw"), ""));
        assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/mirror");
        assertThat(settings.toString()).contains("postgresql://parceler_app@db.example:5432/mirror").doesNotContain("s3cr3t-pw");
        assertThat(server.toString()).doesNotContain("s3cr3t-pw");
    }

    @Test
    void postgresDefaultsToALocalServer() {
        PostgresSettings server = new SettingsReader(Map.of("DB_CONNECTION", "pgsql"), home).read().database().postgres().orElseThrow();

        assertThat(server).isEqualTo(new PostgresSettings("127.0.0.1", 5432, "parceler", "parceler", java.util.Optional.empty(), ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgresql://app:p%40ss@db.example:6432/mirror?sslmode=require|db.example|6432|mirror|app|p@ss|sslmode=require",
        "postgres://app:pw@db.example/mirror|db.example|5432|mirror|app|pw|''",
        "jdbc:postgresql://db.example:6432/mirror?user=app&password=pw&sslmode=verify-full|db.example|6432|mirror|app|pw|sslmode=verify-full",
        "postgresql:///mirror|127.0.0.1|5432|mirror|parceler|''|''",
    })
    void postgresMayComeAsOneUrl(String url, String host, int port, String database, String username, String password, String options) {
        Settings settings = new SettingsReader(Map.of("DB_CONNECTION", "pgsql", "DB_URL", url), home).read();

        PostgresSettings server = settings.database().postgres().orElseThrow();
        assertThat(server).isEqualTo(new PostgresSettings(host, port, database, username,
                password.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(password), options));
        if (!password.isEmpty()) {
            assertThat(settings.toString()).doesNotContain(":" + password);
        }
    }

    @Test
    void theUrlWinsOverTheSeparateVariablesForWhatItNames() {
        PostgresSettings server = new SettingsReader(Map.of("DB_CONNECTION", "pgsql", "DB_URL", "postgresql://db.example/mirror",
                "DB_HOST", "elsewhere", "DB_PORT", "6543", "DB_USERNAME", "app", "DB_PASSWORD", "pw"), home).read().database().postgres().orElseThrow();

        assertThat(server).isEqualTo(new PostgresSettings("db.example", 6543, "mirror", "app", java.util.Optional.of("pw"), ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DB_PORT|five|DB_PORT must be a port number from 1 to 65535, got 'five'.",
        "DB_PORT|70000|DB_PORT must be a port number from 1 to 65535, got '70000'.",
        "DB_DATABASE|storage/database.sqlite|DB_DATABASE must be a PostgreSQL database name such as 'parceler'",
        "DB_HOST|db example|DB_HOST must be a host name or an IP address, got 'db example'.",
        "DB_URL|mysql://db.example/mirror|DB_URL must be a PostgreSQL URL such as",
        "DB_URL|postgresql://app:pw@db.example:99999/mirror|DB_URL's port must be a port number from 1 to 65535",
    })
    void badPostgresValuesAreNamed(String name, String value, String message) {
        assertThatThrownBy(() -> new SettingsReader(Map.of("DB_CONNECTION", "pgsql", name, value), home).read())
                .isInstanceOf(SettingsException.class).hasMessageStartingWith(message).message().doesNotContain(":pw@");
    }

    @Test
    void aUrlWithSqliteSaysToChoosePgsql() {
        assertThatThrownBy(() -> new SettingsReader(Map.of("DB_URL", "postgresql://db.example/mirror"), home).read())
                .isInstanceOf(SettingsException.class).hasMessageContaining("set DB_CONNECTION=pgsql");
    }
}
