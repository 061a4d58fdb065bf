package dev.parceler.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.auth.MachineCredentials;
import dev.parceler.testing.RefusedRequests;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The machine's {@code Authorization: Basic} header: what RequestRefusalIT answers with a challenge, refused here one by one. */
class BasicCredentialsTest {
    static List<String> malformed() {
        return RefusedRequests.MALFORMED_CREDENTIALS;
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedCredentialsAreNone(String header) {
        assertThat(BasicCredentials.parse(header)).as(header).isEmpty();
    }

    @Test
    void aSystemIdAndASecretAreRead() {
        assertThat(BasicCredentials.parse(basic("machine-1:good-secret"))).contains(new MachineCredentials("machine-1", "good-secret"));
        assertThat(BasicCredentials.parse("basic " + basic("machine-1:good-secret").substring(6))).as("the scheme in any case")
                .contains(new MachineCredentials("machine-1", "good-secret"));
        assertThat(BasicCredentials.parse(basic("machine-1:good-secret") + "  ")).as("trailing spaces")
                .contains(new MachineCredentials("machine-1", "good-secret"));
    }

    @Test
    void theSecretIsEverythingAfterTheFirstColon() {
        assertThat(BasicCredentials.parse(basic("machine-1:a:b:c"))).contains(new MachineCredentials("machine-1", "a:b:c"));
        assertThat(BasicCredentials.parse(basic("machine-1:s\u00e9cr\u00e8t"))).as("UTF-8")
                .contains(new MachineCredentials("machine-1", "s\u00e9cr\u00e8t"));
    }

    @Test
    void nothingOrBytesThatAreNotUtf8AreNone() {
        assertThat(BasicCredentials.parse(null)).isEmpty();
        assertThat(BasicCredentials.parse("")).isEmpty();
        assertThat(BasicCredentials.parse("Basic ")).isEmpty();
        assertThat(BasicCredentials.parse(basic(":"))).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(new byte[] {'m', ':', (byte) 0xff, (byte) 0xfe})))
                .as("not UTF-8").isEmpty();
        assertThat(BasicCredentials.parse("BasicbWFjaGluZTpzZWNyZXQ=")).as("no space after the scheme").isEmpty();
    }

    @Test
    void theSecretNeverShowsInText() {
        assertThat(BasicCredentials.parse(basic("machine-1:good-secret")).orElseThrow().toString())
                .contains("machine-1").doesNotContain("good-secret");
    }
}
