package dev.parceler.console;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link RingCommandsTest} on PostgreSQL. */
class RingCommandsPostgresIT extends RingCommandsTest implements OnPostgres {
}
