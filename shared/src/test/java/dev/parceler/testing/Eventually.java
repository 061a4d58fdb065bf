package dev.parceler.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;

/** Waits for something another process does, polling, and fails with a message when it does not happen in time. */
public final class Eventually {
    private Eventually() {
    }

    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        await(timeout, what, condition, () -> "");
    }

    /** As {@link #await(Duration, String, BooleanSupplier)}, saying in the failure what {@code state} shows then. */
    public static void await(Duration timeout, String what, BooleanSupplier condition, Supplier<String> state) {
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
        String seen = state.get();
        Assertions.fail("not within " + timeout.toSeconds() + " s: " + what + (seen.isEmpty() ? "" : "; " + seen));
    }
}
