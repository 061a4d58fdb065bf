package dev.parceler.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;

/** Waits for something another process does, polling, and fails with a message when it does not happen in time. */
public final class Eventually {
    private Eventually() {
    }

    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Assertions.fail("interrupted while waiting for " + what);
            }
        }
        Assertions.fail("not within " + timeout.toSeconds() + " s: " + what);
    }
}
