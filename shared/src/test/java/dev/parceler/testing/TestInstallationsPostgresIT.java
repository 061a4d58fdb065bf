package dev.parceler.testing;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link TestInstallationsTest} on PostgreSQL. */
class TestInstallationsPostgresIT extends TestInstallationsTest implements OnPostgres {
}
