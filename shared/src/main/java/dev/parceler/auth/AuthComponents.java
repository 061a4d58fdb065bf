package dev.parceler.auth;

import dev.parceler.config.AppKey;
import dev.parceler.config.AuthMode;
import dev.parceler.config.Settings;
import dev.parceler.database.MetaValues;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may download: the installation's key, the shared cache of verdicts and the authorizer in
 * front of each realm's check. Built once per process, so every route shares the authorizer's
 * memory, its single flights and its HTTP client, and the metrics count every check.
 */
public final class AuthComponents {
    private static final Logger LOG = LoggerFactory.getLogger(AuthComponents.class);
    /**
     * Subscription checks that may wait for the service at once, per app process: a small part of
     * the 250 request threads, so that a slow service never takes the threads cached machines need.
     */
    public static final int WAITING_CHECKS = 32;

    private final Settings settings;
    private final Clock clock;
    private final byte[] appKey;
    private final AuthorizationCache cache;
    private final AuthorizationClaims claims;
    private final CheckTally tally = new CheckTally();
    private Authorizer authorizer;

    public AuthComponents(Settings settings, Clock clock, DataSource dataSource) {
        this.settings = settings;
        this.clock = clock;
        appKey = settings.appKey().map(AuthComponents::keyBytes).orElseGet(() -> storedKey(dataSource));
        cache = new AuthorizationCache(dataSource, appKey, clock);
        claims = new AuthorizationClaims(dataSource, clock);
    }

    /**
     * {@code APP_KEY} as bytes ({@code base64:} keys decoded). Without one, a key made once and
     * kept in the database stands in, so that a first start works; a warning says to set one.
     */
    public byte[] appKey() {
        return appKey.clone();
    }

    public AuthorizationCache cache() {
        return cache;
    }

    /** Which app process asks the subscription service about a machine now, shared by all of them. */
    public AuthorizationClaims claims() {
        return claims;
    }

    /**
     * Decides downloads (and the netifyd licence routes): each realm's check (as configured) behind
     * the shared cache. Built at its first use, once: only the HTTP service decides downloads, and
     * the scheduler, which prunes the cache, neither starts an HTTP client nor warns of open realms.
     */
    public synchronized Authorizer authorizer() {
        if (authorizer == null) {
            Map<Realm, SubscriptionCheck> checks = new EnumMap<>(Realm.class);
            checks.put(Realm.COMMUNITY, check(settings, clock, Realm.COMMUNITY, settings.auth().community()));
            checks.put(Realm.ENTERPRISE, check(settings, clock, Realm.ENTERPRISE, settings.auth().enterprise()));
            authorizer = new Authorizer(new RealmChecks(checks), cache, claims, settings.auth().refusalTtl(), settings.auth().timeout(),
                    WAITING_CHECKS, settings.limits().newMachinesPerAddress(), clock, tally);
        }
        return authorizer;
    }

    /** This process's count of authorizations by outcome, for the metrics. */
    public CheckTally tally() {
        return tally;
    }

    private static byte[] keyBytes(String key) {
        return key.startsWith("base64:") ? Base64.getDecoder().decode(key.substring("base64:".length()))
                : key.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] storedKey(DataSource dataSource) {
        LOG.warn("APP_KEY is not set: using a key kept in the database. Run 'parceler key:generate' and restart.");
        String candidate = AppKey.generate(new SecureRandom());
        return keyBytes(new MetaValues(dataSource).putIfAbsent("app.key", candidate));
    }

    private static SubscriptionCheck check(Settings settings, Clock clock, Realm realm, AuthMode mode) {
        return switch (mode) {
            case SUBSCRIPTION -> new SubscriptionService(
                    HttpClient.newBuilder().connectTimeout(settings.auth().timeout()).followRedirects(HttpClient.Redirect.NORMAL).build(),
                    settings.auth().communityEndpoint(), settings.auth().enterpriseEndpoint(), settings.auth().timeout(), clock);
            case FILE -> new CredentialsFile(settings.auth().credentialsFile(), clock);
            case OPEN -> {
                LOG.warn("{}_AUTH=open: every machine with any credentials may download {} repositories. For trials only.",
                        realm.name(), realm.label());
                yield new OpenAccess(clock);
            }
        };
    }
}
