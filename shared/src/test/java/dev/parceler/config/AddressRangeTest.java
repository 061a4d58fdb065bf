package dev.parceler.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address ranges of TRUSTED_PROXIES: literal addresses only, never a name looked up. */
class AddressRangeTest {
    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @CsvSource({
        "127.0.0.0/8,     127.0.0.1,        true",
        "127.0.0.0/8,     127.255.1.2,      true",
        "127.0.0.0/8,     128.0.0.1,        false",
        "172.16.0.0/12,   172.31.255.255,   true",
        "172.16.0.0/12,   172.32.0.1,       false",
        "10.1.2.3,        10.1.2.3,         true",
        "10.1.2.3,        10.1.2.4,         false",
        "0.0.0.0/0,       203.0.113.9,      true",
        "::1/128,         ::1,              true",
        "::1/128,         0:0:0:0:0:0:0:1,  true",
        "fc00::/7,        fd12:3456::1,     true",
        "fc00::/7,        fe80::1,          false",
        "127.0.0.0/8,     ::1,              false",
    })
    void aRangeHoldsTheAddressesOfItsPrefix(String range, String address, boolean holds) {
        assertThat(AddressRange.parse(range).orElseThrow().contains(AddressRange.literal(address).orElseThrow())).isEqualTo(holds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "nginx", "example.org", "1.2.3", "1.2.3.4/33", "::1/129", "1.2.3.4/-1", "1.2.3.4/x",
        "999.1.1.1", "1.2.3.4:80", "[::1]", "::g"})
    void anythingButALiteralAddressOrRangeIsRefused(String text) {
        assertThat(AddressRange.parse(text)).as(text).isEmpty();
    }
}
