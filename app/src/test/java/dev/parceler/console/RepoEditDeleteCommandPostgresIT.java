package dev.parceler.console;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link RepoEditDeleteCommandTest} on PostgreSQL. */
class RepoEditDeleteCommandPostgresIT extends RepoEditDeleteCommandTest implements OnPostgres {
}
