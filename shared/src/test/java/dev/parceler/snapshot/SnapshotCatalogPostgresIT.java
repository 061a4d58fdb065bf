package dev.parceler.snapshot;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link SnapshotCatalogTest} on PostgreSQL. */
class SnapshotCatalogPostgresIT extends SnapshotCatalogTest implements OnPostgres {
}
