package dev.parceler.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.auth.MachineCredentials;
import dev.parceler.testing.Inputs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The parsers that read what a client sends, fed generated input: none throws, none lets a path
 * leave the snapshot or a control character into an id. The file responder's own parsers are
 * fed the same way in {@code dev.parceler.files.FileParsersPropertyTest}.
 */
class RequestParsersPropertyTest {
    private static final List<String> PIECES = List.of("..", ".", "%2e", "%2E%2e", "%2f", "%5c", "\\", "%00", "%0a", "%c0%ae",
            "%e2%80%a8", "%", "%zz", "%e", "/", "//", ".parceler-manifest.json.gz", "Packages", "a", "\u00e9", "%c3%a9", "+", ";", "?");

    /** Request targets made of the pieces attacks are made of: dots, escapes, separators, NUL, UTF-8. */
    private static String target(Inputs inputs) {
        return "/repository/community/base/" + String.join("", inputs.list(12, each -> each.oneOf(PIECES)));
    }

    @Test
    void noPathLeavesTheSnapshotOrNamesAServiceFile() {
        Inputs.check(3000, 27, RequestParsersPropertyTest::target, target -> {
            Optional<List<String>> segments = RequestPath.of(target).fileSegments(3);
            segments.ifPresent(names -> assertThat(names).allSatisfy(name -> {
                assertThat(name).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..").doesNotStartWith(".parceler-");
                assertThat(name.chars()).noneMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f);
            }));
        });
    }

    @Test
    void anyTargetEitherDecodesOrIsRefusedWithoutThrowing() {
        Inputs.check(2000, 27, inputs -> inputs.text(200), target -> {
            RequestPath path = RequestPath.of(target);
            path.fileSegments(3);
            for (int i = 0; i < path.length(); i++) {
                path.segment(i);
            }
            RequestPath.decodes(target, target);
        });
    }

    private record IdAndSecret(String id, String secret) {
    }

    @Test
    void basicCredentialsNeverCarryAControlCharacterOrAnEmptyPart() {
        Inputs.check(2000, 27, inputs -> new IdAndSecret(inputs.text(40).replace(":", "") + "m", inputs.text(40)), pair -> {
            // What is sent is the UTF-8 of each part: a lone surrogate goes out as '?'.
            String id = new String(pair.id().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            String secret = new String(pair.secret().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            String header = "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
            Optional<MachineCredentials> read = BasicCredentials.parse(header);
            boolean clean = (id + secret).chars().noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029);
            if (clean && !secret.isEmpty()) {
                assertThat(read).contains(new MachineCredentials(id, secret));
            } else {
                assertThat(read).isEmpty();
            }
        });
    }

    @Test
    void anyAuthorizationHeaderIsReadOrRefusedWithoutThrowing() {
        Inputs.check(2000, 27, inputs -> inputs.text(300), header -> {
            BasicCredentials.parse(header).ifPresent(credentials -> {
                assertThat(credentials.systemId()).isNotEmpty();
                assertThat(credentials.secret()).isNotEmpty();
            });
            BasicCredentials.parse("Basic " + header);
        });
    }
}
