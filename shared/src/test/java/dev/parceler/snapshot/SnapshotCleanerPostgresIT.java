package dev.parceler.snapshot;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link SnapshotCleanerTest} on PostgreSQL. */
class SnapshotCleanerPostgresIT extends SnapshotCleanerTest implements OnPostgres {
}
