package dev.parceler.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.config.ClientLimits;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whose address a request is counted under: a trusted proxy's X-Forwarded-For, else the peer. */
class ClientAddressTest {
    private final ClientAddress clients = new ClientAddress(List.of(ClientLimits.DEFAULT_TRUSTED_PROXIES.split(",")));

    @ParameterizedTest(name = "{0} with \"{1}\" is {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // The nginx front on this host or in a container network names the client.
        "127.0.0.1      | 198.51.100.7                 | 198.51.100.7",
        "172.18.0.5     | 198.51.100.7                 | 198.51.100.7",
        "::1            | 2001:db8::7                  | 2001:db8::7",
        // The client's own entries to the left are its own business: the rightmost untrusted hop counts.
        "127.0.0.1      | 1.1.1.1, 198.51.100.7        | 198.51.100.7",
        "127.0.0.1      | 198.51.100.7, 10.0.0.2       | 198.51.100.7",
        "127.0.0.1      | 10.0.0.3, 10.0.0.2           | 10.0.0.3",
        // Junk stops the walk at the last hop believed.
        "127.0.0.1      | 198.51.100.7, unknown        | 127.0.0.1",
        "127.0.0.1      | 198.51.100.7:4711            | 127.0.0.1",
        "127.0.0.1      | evil.example                 | 127.0.0.1",
        "127.0.0.1      | null                         | 127.0.0.1",
        "127.0.0.1      | ''                           | 127.0.0.1",
        // Anyone else cannot choose the address it is counted under.
        "198.51.100.9   | 10.0.0.1                     | 198.51.100.9",
        "203.0.113.4    | 198.51.100.7                 | 203.0.113.4",
    })
    void theClientIsThePeerUnlessATrustedProxyNamesIt(String peer, String forwardedFor, String client) {
        assertThat(clients.of(peer, forwardedFor)).isEqualTo(client);
    }

    @org.junit.jupiter.api.Test
    void aHeaderTooLongToBeRealIsNotRead() {
        assertThat(clients.of("127.0.0.1", "10.0.0.1, ".repeat(300) + "198.51.100.7")).isEqualTo("127.0.0.1");
    }
}
