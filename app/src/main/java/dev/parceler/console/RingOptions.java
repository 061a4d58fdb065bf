package dev.parceler.console;

import picocli.CommandLine.Option;

/** The settings of a ring, shared by {@code repo:ring:add} and {@code repo:ring:edit}: null when not given. */
final class RingOptions {
    @Option(names = "--delay", paramLabel = "DAYS", description = "Days this ring's machines are held back (0 or more).")
    String delay;

    @Option(names = "--percent", paramLabel = "PERCENT",
            description = "Share of all machines (0-100) in this ring, chosen by a stable hash of the system id; the rings'"
                    + " shares add up to 100 at most.")
    String percent;

    @Option(names = "--machines", paramLabel = "IDS",
            description = "System ids in this ring whatever their hash (early access), separated by commas; empty for none.")
    String machines;
}
