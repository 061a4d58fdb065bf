package dev.parceler.console;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link RepoRunsAuditTest} on PostgreSQL. */
class RepoRunsAuditPostgresIT extends RepoRunsAuditTest implements OnPostgres {
}
