package dev.parceler.config;

import java.security.SecureRandom;
import java.util.Base64;

/** An {@code APP_KEY} in the Laravel form {@code base64:<32 random bytes>}, so existing keys stay valid. */
public final class AppKey {
    private static final int BYTES = 32;

    private AppKey() {
    }

    public static String generate(SecureRandom random) {
        byte[] key = new byte[BYTES];
        random.nextBytes(key);
        return "base64:" + Base64.getEncoder().encodeToString(key);
    }
}
