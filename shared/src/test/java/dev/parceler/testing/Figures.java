package dev.parceler.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measured figures of one reliability scenario, printed as one block on standard output so
 * that runs can be compared: requests, non-200 answers, mismatched bytes, recoveries.
 */
public final class Figures {
    private final String scenario;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Figures(String scenario) {
        this.scenario = scenario;
    }

    public Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    public long count(String name) {
        Object value = values.get(name);
        return value instanceof Number number ? number.longValue() : 0;
    }

    public Figures add(String name, long amount) {
        values.put(name, count(name) + amount);
        return this;
    }

    public String block() {
        StringBuilder block = new StringBuilder("=== reliability: ").append(scenario).append(" ===\n");
        values.forEach((name, value) -> block.append(String.format("  %-28s %s%n", name, value)));
        return block.append("=== end: ").append(scenario).append(" ===").toString();
    }

    public void print() {
        System.out.println(block());
    }
}
