package dev.parceler.sync;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link RepositoryLeaseTest} on PostgreSQL. */
class RepositoryLeasePostgresIT extends RepositoryLeaseTest implements OnPostgres {
}
