package dev.parceler.admin;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link AdminSessionsTest} on PostgreSQL. */
class AdminSessionsPostgresIT extends AdminSessionsTest implements OnPostgres {
}
