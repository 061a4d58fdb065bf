package dev.parceler.repository;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Which ring a machine is in: the first ring (in order) that lists its system id; otherwise the
 * ring whose share of the percentages, taken in order, holds the machine's bucket; otherwise none
 * (the repository's own delay). The bucket (0-99) comes from a hash of the system id alone, so a
 * machine is in the same ring on every request, process and restart, and a ring that grows from
 * 5 to 20 % keeps the machines it had.
 */
public final class RingAssignment {
    private RingAssignment() {
    }

    public static Optional<Ring> of(List<Ring> rings, String systemId) {
        return of(rings, systemId, true);
    }

    /**
     * As above; a system id the realm did not verify ({@code verified} false: the community
     * service, open access) is never found in a ring's list, which names machines the operator
     * chose: anyone could send that id. It still gets the bucket of its id, as any machine.
     */
    public static Optional<Ring> of(List<Ring> rings, String systemId, boolean verified) {
        if (rings.isEmpty()) {
            return Optional.empty();
        }
        for (Ring ring : verified ? rings : List.<Ring>of()) {
            if (ring.machines().contains(systemId)) {
                return Optional.of(ring);
            }
        }
        int bucket = bucket(systemId);
        int upTo = 0;
        for (Ring ring : rings) {
            upTo += ring.percent();
            if (bucket < upTo) {
                return Optional.of(ring);
            }
        }
        return Optional.empty();
    }

    /** The machine's bucket, 0 to 99: the first eight bytes of the SHA-256 of its system id. */
    public static int bucket(String systemId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(systemId.getBytes(StandardCharsets.UTF_8));
            return (int) Math.floorMod(ByteBuffer.wrap(digest).getLong(), 100L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
