package dev.parceler.health;

import java.time.Duration;

/** What a heartbeat says of its process: alive, silent (dead or hung), or alive but stuck. */
public sealed interface Condition {
    /** One line for the operator. */
    String describe();

    default boolean healthy() {
        return this instanceof Alive;
    }

    record Alive(Duration sinceBeat) implements Condition {
        @Override
        public String describe() {
            return "alive (last beat " + sinceBeat.toSeconds() + " s ago)";
        }
    }

    record Silent(Duration sinceBeat) implements Condition {
        @Override
        public String describe() {
            return "silent: no beat for " + sinceBeat.toSeconds() + " s (dead or hung)";
        }
    }

    record Stuck(String why) implements Condition {
        @Override
        public String describe() {
            return "stuck: " + why;
        }
    }
}
