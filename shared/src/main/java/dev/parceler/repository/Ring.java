package dev.parceler.repository;

import java.util.Set;

/**
 * A ring of a repository's staged rollout: its own delay, and the machines it holds: system ids
 * listed by name (early access) and/or {@code percent} of all machines, chosen by a stable hash
 * of the system id. Rings are ordered by {@code position}; see {@link RingAssignment}.
 */
public record Ring(String name, int position, int delay, int percent, Set<String> machines) {
    public Ring {
        machines = Set.copyOf(machines);
    }

    public Ring withPosition(int newPosition) {
        return new Ring(name, newPosition, delay, percent, machines);
    }
}
