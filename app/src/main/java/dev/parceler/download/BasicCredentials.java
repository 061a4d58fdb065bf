package dev.parceler.download;

import dev.parceler.auth.MachineCredentials;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The machine's {@code Authorization: Basic} header: system id and secret, both non-empty. */
public final class BasicCredentials {
    private BasicCredentials() {
    }

    public static Optional<MachineCredentials> parse(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.substring(6).trim());
            String pair = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded)).toString();
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new MachineCredentials(pair.substring(0, colon), pair.substring(colon + 1)));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
