package dev.parceler.audit;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link AuditLogTest} on PostgreSQL. */
class AuditLogPostgresIT extends AuditLogTest implements OnPostgres {
}
