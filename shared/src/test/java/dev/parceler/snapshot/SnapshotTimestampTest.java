package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotTimestampTest {

    @Test
    void namesAreAtomInTheApplicationZone() {
        Instant midnightInRome = Instant.parse("2026-11-20T23:00:00Z");

        assertThat(SnapshotTimestamp.format(midnightInRome, ZoneId.of("Europe/Rome"))).isEqualTo("2026-11-21T00:00:00+01:00");
        assertThat(SnapshotTimestamp.format(midnightInRome, ZoneId.of("UTC")))
                .as("PHP writes +00:00, never Z").isEqualTo("2026-11-20T23:00:00+00:00");
    }

    @Test
    void parsesNamesOfEitherApplication() {
        assertThat(SnapshotTimestamp.parse("2026-11-21T00:00:00+01:00")).contains(Instant.parse("2026-11-20T23:00:00Z"));
        assertThat(SnapshotTimestamp.parse("2026-11-21T00:00:00Z")).contains(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(SnapshotTimestamp.parse("2026-07-01T02:00:00-05:30")).contains(Instant.parse("2026-07-01T07:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"good", "2026-11-21", "2026-11-21T00:00:00", "2026-02-30T00:00:00+01:00",
            "2026-11-21 00:00:00+01:00", ".2026-11-21T00:00:00+01:00", "2026-11-21T00:00:00+01:00.tmp", ""})
    void otherNamesAreNotTimestamps(String name) {
        assertThat(SnapshotTimestamp.parse(name)).isEmpty();
    }
}
