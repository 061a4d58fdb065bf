package dev.parceler.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RingAssignmentTest {
    private static Ring ring(String name, int percent, String... machines) {
        return new Ring(name, 0, 1, percent, Set.of(machines));
    }

    @Test
    void noRingsMeansTheRepositoryDelayForEveryMachine() {
        assertThat(RingAssignment.of(List.of(), "machine-1")).isEmpty();
    }

    @Test
    void aListedMachineIsInTheFirstRingThatListsItWhateverItsHash() {
        List<Ring> rings = List.of(ring("canary", 100), ring("early", 0, "machine-1"), ring("late", 0, "machine-1"));

        assertThat(RingAssignment.of(rings, "machine-1")).map(Ring::name).contains("early");
        assertThat(RingAssignment.of(rings, "machine-2")).map(Ring::name).contains("canary");
    }

    @Test
    void percentagesTakeConsecutiveBucketsInRingOrderAndTheRestGetNoRing() {
        List<Ring> rings = List.of(ring("five", 5), ring("twenty", 20));
        for (int i = 0; i < 2_000; i++) {
            String id = "machine-" + i;
            int bucket = RingAssignment.bucket(id);
            String expected = bucket < 5 ? "five" : bucket < 25 ? "twenty" : null;
            assertThat(RingAssignment.of(rings, id).map(Ring::name).orElse(null)).as(id + " in bucket " + bucket).isEqualTo(expected);
        }
    }

    @Test
    void bucketsAreStableAndSpreadEvenly() {
        assertThat(RingAssignment.bucket("machine-42")).isEqualTo(RingAssignment.bucket("machine-42")).isBetween(0, 99);
        Map<Boolean, Long> lowHalf = IntStream.range(0, 10_000).mapToObj(i -> "system-" + i)
                .collect(Collectors.partitioningBy(id -> RingAssignment.bucket(id) < 50, Collectors.counting()));
        assertThat(lowHalf.get(true)).isBetween(4_700L, 5_300L);
    }

    @Test
    void aRingThatGrowsKeepsTheMachinesItHad() {
        List<String> ids = IntStream.range(0, 1_000).mapToObj(i -> "machine-" + i).toList();
        Function<Integer, Set<String>> members = percent -> ids.stream()
                .filter(id -> RingAssignment.of(List.of(ring("canary", percent)), id).isPresent()).collect(Collectors.toSet());

        assertThat(members.apply(20)).containsAll(members.apply(5));
    }
}
