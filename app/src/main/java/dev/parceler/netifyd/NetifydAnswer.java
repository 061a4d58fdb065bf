package dev.parceler.netifyd;

import java.time.Duration;

/** What a netifyd route answers: the JSON Netify gave, or why there is nothing to give. */
sealed interface NetifydAnswer {

    /** The licence or catalogue, as Netify answered it. */
    record Served(byte[] json) implements NetifydAnswer {
    }

    /** Netify could not answer and nothing valid is stored: 503 with {@code Retry-After}. */
    record Unavailable(String message, Duration retryAfter) implements NetifydAnswer {
    }
}
