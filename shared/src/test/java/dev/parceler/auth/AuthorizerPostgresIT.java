package dev.parceler.auth;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link AuthorizerTest} on PostgreSQL: app processes on several hosts meet there. */
class AuthorizerPostgresIT extends AuthorizerTest implements OnPostgres {
}
