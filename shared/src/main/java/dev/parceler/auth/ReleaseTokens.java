package dev.parceler.auth;

import dev.parceler.digest.Sha256;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The bearer tokens of the release trigger ({@code REPOSITORY_RELEASE_TOKEN}, and the old
 * {@code REPOSITORY_MILESTONE_TOKEN}), compared in constant time: as digests, so not even their
 * length shows, and every one of them, so the time taken does not tell which one matched.
 */
public final class ReleaseTokens {
    private final List<byte[]> digests;

    public ReleaseTokens(Optional<String> releaseToken, Optional<String> milestoneToken) {
        this.digests = Stream.of(releaseToken, milestoneToken).flatMap(Optional::stream)
                .filter(value -> !value.isEmpty()).map(Sha256::digest).toList();
    }

    /** Whether an {@code Authorization} header carries one of the tokens as {@code Bearer}; never without a token configured. */
    public boolean bearer(String header) {
        if (digests.isEmpty() || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = Sha256.digest(header.substring(7).trim());
        boolean matches = false;
        for (byte[] token : digests) {
            matches |= MessageDigest.isEqual(token, given);
        }
        return matches;
    }
}
