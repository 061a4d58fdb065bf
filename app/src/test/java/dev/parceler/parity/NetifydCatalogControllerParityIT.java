package dev.parceler.parity;

import static dev.parceler.parity.NetifyParity.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.HttpProbe.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upstream's {@code tests/Feature/Http/Controllers/NetifydCatalogControllerTest.php}: the four catalogue routes. */
@ExtendWith(NetifyParity.PerTest.class)
class NetifydCatalogControllerParityIT {
    static final String NETIFY_FAILS = "When Netify fails and no valid answer is stored, the netifyd routes answer 503";

    private NetifyParity parity;

    @BeforeEach
    void open(NetifyParity parity) {
        this.parity = parity;
    }

    private void servesTheCatalogue(String path, String data) {
        parity.netify.catalog(path, data);
        parity.start();

        Answer answer = parity.get("/" + path);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(json(data));
    }

    private void aFailureIs503WithTheMessage(String path) {
        parity.start();
        parity.netify.stop();

        Answer answer = parity.get("/" + path);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(json(answer).path("message").asText()).startsWith("Could not fetch " + path + " from netifyd: ");
    }

    @Test
    @DisplayName("applications catalog endpoint > it returns catalog data from the repository")
    void applicationsCatalog() {
        servesTheCatalogue("applications/catalog", "[{\"id\":1,\"label\":\"WhatsApp\"}]");
    }

    @Test
    @DisplayName("applications catalog endpoint > it returns 500 when the repository throws")
    @Differs(NETIFY_FAILS)
    void applicationsCatalogFailing() {
        aFailureIs503WithTheMessage("applications/catalog");
    }

    @Test
    @DisplayName("applications categories endpoint > it returns categories data from the repository")
    void applicationsCategories() {
        servesTheCatalogue("applications/categories", "[{\"id\":1,\"tag\":\"messaging\",\"label\":\"Messaging\"}]");
    }

    @Test
    @DisplayName("applications categories endpoint > it returns 500 when the repository throws")
    @Differs(NETIFY_FAILS)
    void applicationsCategoriesFailing() {
        aFailureIs503WithTheMessage("applications/categories");
    }

    @Test
    @DisplayName("protocols catalog endpoint > it returns catalog data from the repository")
    void protocolsCatalog() {
        servesTheCatalogue("protocols/catalog", "[{\"id\":96,\"label\":\"TFTP\"}]");
    }

    @Test
    @DisplayName("protocols catalog endpoint > it returns 500 when the repository throws")
    @Differs(NETIFY_FAILS)
    void protocolsCatalogFailing() {
        aFailureIs503WithTheMessage("protocols/catalog");
    }

    @Test
    @DisplayName("protocols categories endpoint > it returns categories data from the repository")
    void protocolsCategories() {
        servesTheCatalogue("protocols/categories", "[{\"id\":4,\"tag\":\"file-server\",\"label\":\"File Server\"}]");
    }

    @Test
    @DisplayName("protocols categories endpoint > it returns 500 when the repository throws")
    @Differs(NETIFY_FAILS)
    void protocolsCategoriesFailing() {
        aFailureIs503WithTheMessage("protocols/categories");
    }
}
