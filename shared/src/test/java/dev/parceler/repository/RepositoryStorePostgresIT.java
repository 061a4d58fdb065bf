package dev.parceler.repository;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link RepositoryStoreTest} on PostgreSQL. */
class RepositoryStorePostgresIT extends RepositoryStoreTest implements OnPostgres {
}
