package dev.parceler.database;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link SharedTablesTest} on PostgreSQL. */
class SharedTablesPostgresIT extends SharedTablesTest implements OnPostgres {
}
