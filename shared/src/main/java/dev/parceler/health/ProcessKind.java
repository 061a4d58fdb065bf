package dev.parceler.health;

import java.util.Locale;

/** The long-running processes of an installation, as {@code parceler health} names them. */
public enum ProcessKind {
    SERVE, WORKER, SCHEDULER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
