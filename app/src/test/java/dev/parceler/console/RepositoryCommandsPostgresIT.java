package dev.parceler.console;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link RepositoryCommandsTest} on PostgreSQL. */
class RepositoryCommandsPostgresIT extends RepositoryCommandsTest implements OnPostgres {
}
