package dev.parceler.digest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256: of text, as secrets, tokens and cookies are kept and compared, and of
 * files and streams, as manifests and feed indexes give them (lower-case hex).
 */
public final class Sha256 {
    private Sha256() {
    }

    public static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new SHA-256 digest, for callers that hash while they do something else with the bytes (a copy). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hex SHA-256 of everything {@code in} holds; closes it. */
    public static String hex(java.io.InputStream in) throws java.io.IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[256 * 1024];
        try (java.io.InputStream stream = in) {
            for (int read = stream.read(buffer); read >= 0; read = stream.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    /** A MAC keyed with {@code key}, for callers that reuse one (building one costs more than using it). */
    public static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hmacHex(byte[] key, String text) {
        return HexFormat.of().formatHex(hmac(key).doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
