package dev.parceler.parity;

import static dev.parceler.parity.NetifyParity.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.HttpProbe.Answer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upstream's {@code tests/Feature/Logic/NetifydCatalogRepositoryTest.php}: how a catalogue is asked of
 * Netify and cached, seen from Netify's side (the stand-in's calls) through the real server.
 */
@ExtendWith(NetifyParity.PerTest.class)
class NetifydCatalogRepositoryParityIT {
    private NetifyParity parity;

    @BeforeEach
    void open(NetifyParity parity) {
        this.parity = parity;
    }

    private static String call(String path) {
        return "GET /api/v2/integrator/" + path + "?version=5.1";
    }

    private void aStoredCatalogueMakesNoCall(String path) {
        parity.netify.catalog(path, "[{\"id\":1}]");
        parity.start();
        assertThat(parity.get("/" + path).status()).isEqualTo(200);

        parity.advance(Duration.ofHours(6));
        Answer cached = parity.get("/" + path);

        assertThat(cached.status()).isEqualTo(200);
        assertThat(json(cached)).isEqualTo(json("[{\"id\":1}]"));
        assertThat(parity.netify.calls()).containsExactly(call(path));
    }

    private void aMissIsAskedWithTheKeyAndVersionAndKeptTwelveHours(String path) {
        parity.netify.catalog(path, "[{\"id\":1}]");
        parity.start();

        assertThat(parity.get("/" + path).status()).isEqualTo(200);
        // The stand-in answers 401 to a call without the key: this call carried it.
        assertThat(parity.netify.calls()).containsExactly(call(path));

        parity.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(parity.get("/" + path).status()).isEqualTo(200);
        assertThat(parity.netify.calls()).hasSize(1);
        parity.advance(Duration.ofMinutes(2));
        assertThat(parity.get("/" + path).status()).isEqualTo(200);
        assertThat(parity.netify.calls()).containsExactly(call(path), call(path));
    }

    private void aServerErrorIsTheLaravelApplicationsText(String path) {
        parity.start();
        parity.netify.failWith(500);

        assertThat(json(parity.get("/" + path)).path("message").asText()).isEqualTo("Could not fetch " + path + " from netifyd: HTTP 500");
    }

    @Test
    @DisplayName("applications catalog > it returns cached data without making an http request")
    void applicationsCatalogStored() {
        aStoredCatalogueMakesNoCall("applications/catalog");
    }

    @Test
    @DisplayName("applications catalog > it fetches from netifyd and caches for 12 hours on cache miss")
    void applicationsCatalogMissed() {
        aMissIsAskedWithTheKeyAndVersionAndKeptTwelveHours("applications/catalog");
    }

    @Test
    @DisplayName("applications catalog > it throws an exception on server error")
    void applicationsCatalogFailing() {
        aServerErrorIsTheLaravelApplicationsText("applications/catalog");
    }

    @Test
    @DisplayName("applications categories > it returns cached data without making an http request")
    void applicationsCategoriesStored() {
        aStoredCatalogueMakesNoCall("applications/categories");
    }

    @Test
    @DisplayName("applications categories > it fetches from netifyd and caches for 12 hours on cache miss")
    void applicationsCategoriesMissed() {
        aMissIsAskedWithTheKeyAndVersionAndKeptTwelveHours("applications/categories");
    }

    @Test
    @DisplayName("applications categories > it throws an exception on server error")
    void applicationsCategoriesFailing() {
        aServerErrorIsTheLaravelApplicationsText("applications/categories");
    }

    @Test
    @DisplayName("protocols catalog > it returns cached data without making an http request")
    void protocolsCatalogStored() {
        aStoredCatalogueMakesNoCall("protocols/catalog");
    }

    @Test
    @DisplayName("protocols catalog > it fetches from netifyd and caches for 12 hours on cache miss")
    void protocolsCatalogMissed() {
        aMissIsAskedWithTheKeyAndVersionAndKeptTwelveHours("protocols/catalog");
    }

    @Test
    @DisplayName("protocols catalog > it throws an exception on server error")
    void protocolsCatalogFailing() {
        aServerErrorIsTheLaravelApplicationsText("protocols/catalog");
    }

    @Test
    @DisplayName("protocols categories > it returns cached data without making an http request")
    void protocolsCategoriesStored() {
        aStoredCatalogueMakesNoCall("protocols/categories");
    }

    @Test
    @DisplayName("protocols categories > it fetches from netifyd and caches for 12 hours on cache miss")
    void protocolsCategoriesMissed() {
        aMissIsAskedWithTheKeyAndVersionAndKeptTwelveHours("protocols/categories");
    }

    @Test
    @DisplayName("protocols categories > it throws an exception on server error")
    void protocolsCategoriesFailing() {
        aServerErrorIsTheLaravelApplicationsText("protocols/categories");
    }
}
