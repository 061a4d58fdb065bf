package dev.parceler.scheduler;

import dev.parceler.testing.TestInstallations.OnPostgres;

/** {@link SchedulerProcessTest} on PostgreSQL. */
class SchedulerProcessPostgresIT extends SchedulerProcessTest implements OnPostgres {
}
