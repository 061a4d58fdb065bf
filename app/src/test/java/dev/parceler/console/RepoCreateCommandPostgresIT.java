package dev.parceler.console;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link RepoCreateCommandTest} on PostgreSQL. */
class RepoCreateCommandPostgresIT extends RepoCreateCommandTest implements OnPostgres {
}
