package dev.parceler.database;

import java.util.Map;
import java.util.Optional;

/**
 * What each table of the schema (Parceler's and the job library's) holds, so that copying a
 * database between engines knows what to carry over. A table missing here stops {@code db:copy}
 * and fails {@code TableRolesTest}: a new migration's table is added with one line below.
 */
public final class TableRoles {
    /** How a copy treats a table. */
    public enum Role {
        /** The installation's data: copied row for row. */
        DATA,
        /** Rows the migrations write themselves; the source's rows replace them. */
        SEED,
        /** Schema history of the target's own migrations: never copied. */
        SCHEMA,
        /** State of processes running now (heartbeats, leases, job servers): means nothing elsewhere, never copied. */
        PROCESS
    }

    private static final Map<String, Role> ROLES = Map.ofEntries(
            Map.entry("repositories", Role.DATA),
            Map.entry("job_runs", Role.DATA),
            Map.entry("maintenance", Role.DATA),
            Map.entry("authorization_cache", Role.DATA),
            Map.entry("netifyd_cache", Role.DATA),
            Map.entry("admins", Role.DATA),
            Map.entry("admin_sessions", Role.DATA),
            Map.entry("login_failures", Role.DATA),
            Map.entry("audit_events", Role.DATA),
            Map.entry("snapshot_pins", Role.DATA),
            Map.entry("rings", Role.DATA),
            Map.entry("trusted_keys", Role.DATA),
            Map.entry("notices", Role.DATA),
            Map.entry("machine_sightings", Role.DATA),
            Map.entry("served_snapshots", Role.DATA),
            Map.entry("jobrunr_jobs", Role.DATA),
            Map.entry("jobrunr_recurring_jobs", Role.DATA),
            Map.entry("parceler_meta", Role.SEED),
            Map.entry("jobrunr_metadata", Role.SEED),
            Map.entry("flyway_schema_history", Role.SCHEMA),
            Map.entry("jobrunr_migrations", Role.SCHEMA),
            Map.entry("process_heartbeats", Role.PROCESS),
            Map.entry("repository_leases", Role.PROCESS),
            Map.entry("authorization_claims", Role.PROCESS),
            Map.entry("jobrunr_backgroundjobservers", Role.PROCESS));

    private TableRoles() {
    }

    public static Optional<Role> of(String table) {
        return Optional.ofNullable(ROLES.get(table.toLowerCase(java.util.Locale.ROOT)));
    }

    public static Map<String, Role> all() {
        return ROLES;
    }
}
