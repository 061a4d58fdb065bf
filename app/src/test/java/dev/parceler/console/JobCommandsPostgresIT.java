package dev.parceler.console;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link JobCommandsTest} on PostgreSQL. */
class JobCommandsPostgresIT extends JobCommandsTest implements OnPostgres {
}
