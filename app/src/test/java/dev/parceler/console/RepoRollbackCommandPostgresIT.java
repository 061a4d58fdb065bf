package dev.parceler.console;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link RepoRollbackCommandTest} on PostgreSQL. */
class RepoRollbackCommandPostgresIT extends RepoRollbackCommandTest implements OnPostgres {
}
