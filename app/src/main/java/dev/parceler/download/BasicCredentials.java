package dev.parceler.download;

import dev.parceler.auth.MachineCredentials;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The machine's {@code Authorization: Basic} header: system id and secret, both non-empty, at
 * most {@link #MAX_HEADER} characters, and without control characters (no system id or secret
 * has one: such a header is junk, answered as if there were none).
 */
public final class BasicCredentials {
    /** Far above any real id and secret (tens of characters each), far below what a header may hold. */
    public static final int MAX_HEADER = 1024;

    private BasicCredentials() {
    }

    public static Optional<MachineCredentials> parse(String header) {
        if (header == null || header.length() < 7 || header.length() > MAX_HEADER || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.substring(6).trim());
            String pair = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded)).toString();
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1 || pair.chars().anyMatch(BasicCredentials::control)) {
                return Optional.empty();
            }
            return Optional.of(new MachineCredentials(pair.substring(0, colon), pair.substring(colon + 1)));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean control(int c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029;
    }
}
