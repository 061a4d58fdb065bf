package dev.parceler.database;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link TableRolesTest} on PostgreSQL, whose schema is made by its own migration files. */
class TableRolesPostgresIT extends TableRolesTest implements OnPostgres {
}
