package dev.parceler.netifyd;

import dev.parceler.auth.Authorizer;
import dev.parceler.auth.MachineCredentials;
import dev.parceler.auth.Realm;
import dev.parceler.auth.Verdict;
import dev.parceler.config.NetifydSettings;
import dev.parceler.download.BasicCredentials;
import dev.parceler.download.ClientAddress;
import dev.parceler.download.DownloadRoute;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/netifyd/*}, where NethSecurity firewalls get the licence and the catalogues of
 * their DPI engine: Netify's answers, kept in the shared cache.
 * <ul>
 * <li>{@code GET /api/netifyd/license}: the community licence, without credentials;</li>
 * <li>{@code GET /api/netifyd/{enterprise|community}/license}: Basic credentials checked as
 * downloads of that realm are (401 without or refused, 503 when the subscription service cannot
 * answer), then the enterprise licence;</li>
 * <li>{@code GET /api/netifyd/{applications|protocols}/{catalog|categories}}: the catalogues.</li>
 * </ul>
 */
public final class NetifydRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(NetifydRoutes.class);
    public static final String PREFIX = "/api/netifyd";
    static final Duration LICENSE_FRESH = Duration.ofHours(1);
    static final Duration CATALOG_FRESH = Duration.ofHours(12);
    /** How long a catalogue is served while Netify cannot give a new one. */
    static final Duration CATALOG_KEPT = Duration.ofDays(7);
    /** After a failed call, how long nobody asks Netify again for that entry. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(60);
    /** What the subscription check's 503 says, as downloads do. */
    static final String RETRY_AFTER_UNAVAILABLE = "60";

    private final SharedAnswers answers;
    private final LicenseBroker licenses;
    private final IntegratorApi api;
    private final Authorizer authorizer;
    private final ClientAddress clients;
    private final Clock clock;

    NetifydRoutes(SharedAnswers answers, LicenseBroker licenses, IntegratorApi api, Authorizer authorizer, ClientAddress clients,
            Clock clock) {
        this.answers = answers;
        this.clients = clients;
        this.licenses = licenses;
        this.api = api;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    /**
     * The routes for these settings, or none when {@code NETIFYD_API_KEY} is not set (the paths
     * then answer 404). Either way the log says so.
     */
    public static Optional<NetifydRoutes> wire(NetifydSettings settings, DataSource dataSource, Authorizer authorizer,
            ClientAddress clients, Clock clock) {
        if (settings.apiKey().isEmpty()) {
            LOG.info("netifyd API off: NETIFYD_API_KEY is not set, {}/* answers 404", PREFIX);
            return Optional.empty();
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        IntegratorApi api = new IntegratorApi(client, settings.endpoint(), settings.apiKey().get(), settings.timeout());
        // A licence refresh makes up to four calls (list, delete, create, renew).
        Duration claimFor = settings.timeout().multipliedBy(4).plusSeconds(5);
        SharedAnswers answers = new SharedAnswers(new NetifydCache(dataSource), clock, claimFor, RETRY_PAUSE);
        LicenseBroker licenses = new LicenseBroker(api, settings.entitlements(), settings.licenseSuffix(), clock);
        LOG.info("netifyd API on at {}/*: licenses and catalogs from {}, entitlements {}", PREFIX, settings.endpoint(),
                String.join(", ", settings.entitlements()));
        return Optional.of(new NetifydRoutes(answers, licenses, api, authorizer, clients, clock));
    }

    /** GET, and HEAD answering as GET does (the router would otherwise answer any HEAD with an empty 200). */
    public void addTo(RoutesConfig routes) {
        route(routes, PREFIX + "/license", ctx -> answer(ctx, license(LicenseEdition.COMMUNITY)));
        route(routes, PREFIX + "/enterprise/license", ctx -> machineLicense(ctx, Realm.ENTERPRISE));
        route(routes, PREFIX + "/community/license", ctx -> machineLicense(ctx, Realm.COMMUNITY));
        for (Catalog catalog : Catalog.values()) {
            route(routes, PREFIX + "/" + catalog.path(), ctx -> answer(ctx, catalog(catalog)));
        }
    }

    private static void route(RoutesConfig routes, String path, io.javalin.http.Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }

    /** Machines of either realm get the enterprise licence, as with the Laravel application. */
    private void machineLicense(Context ctx, Realm realm) {
        Optional<MachineCredentials> credentials = BasicCredentials.parse(ctx.header("Authorization"));
        if (credentials.isEmpty()) {
            unauthorized(ctx);
            return;
        }
        ctx.attribute(DownloadRoute.MACHINE, credentials.get().systemId());
        // Bounded per client address as downloads are: these routes check credentials the same way.
        Verdict verdict = authorizer.authorize(realm, credentials.get(), clients.of(ctx));
        if (verdict instanceof Verdict.Refused) {
            unauthorized(ctx);
            return;
        }
        if (verdict instanceof Verdict.Unavailable) {
            ctx.header("Retry-After", RETRY_AFTER_UNAVAILABLE);
            message(ctx, HttpStatus.SERVICE_UNAVAILABLE, "Subscription service unavailable, retry later.");
            return;
        }
        answer(ctx, license(LicenseEdition.ENTERPRISE));
    }

    private NetifydAnswer license(LicenseEdition edition) {
        return answers.answer("license:" + licenses.label(edition), LICENSE_FRESH, new SharedAnswers.Source() {
            @Override
            public SharedAnswers.Fetched fetch() throws IntegratorException {
                return licenses.fetch(edition);
            }

            @Override
            public boolean servable(byte[] json) {
                return licenses.complete(json);
            }
        });
    }

    private NetifydAnswer catalog(Catalog catalog) {
        return answers.answer("catalog:" + catalog.path(), CATALOG_FRESH, new SharedAnswers.Source() {
            @Override
            public SharedAnswers.Fetched fetch() throws IntegratorException {
                com.fasterxml.jackson.databind.JsonNode data = api.catalog(catalog.path());
                try {
                    return new SharedAnswers.Fetched(IntegratorApi.JSON.writeValueAsBytes(data), clock.instant().plus(CATALOG_KEPT));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public boolean servable(byte[] json) {
                return true;
            }
        });
    }

    private static void answer(Context ctx, NetifydAnswer answer) {
        if (answer instanceof NetifydAnswer.Served served) {
            ctx.status(HttpStatus.OK).contentType("application/json").result(served.json());
        } else if (answer instanceof NetifydAnswer.Unavailable unavailable) {
            ctx.header("Retry-After", Long.toString(unavailable.retryAfter().toSeconds()));
            message(ctx, HttpStatus.SERVICE_UNAVAILABLE, unavailable.message());
        }
    }

    /** 401 with the Basic challenge, which is when wget-like clients send their credentials. */
    private static void unauthorized(Context ctx) {
        ctx.header("WWW-Authenticate", "Basic realm=\"Parceler\", charset=\"UTF-8\"");
        message(ctx, HttpStatus.UNAUTHORIZED, "Unauthorized.");
    }

    private static void message(Context ctx, HttpStatus status, String message) {
        ctx.status(status).contentType("application/json").result(IntegratorApi.JSON.createObjectNode().put("message", message).toString());
    }
}
