package dev.parceler.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One holder per repository across every worker process: a row that expires unless renewed.
 * The holder is the job's id, so a job re-run after its worker died takes its own lease back at
 * once, while any other job waits until it expires or is released. The row also names the worker
 * process that holds it and the process group of the sync command it runs, so that a worker of
 * the same machine can tell at once that the holder died and kill what is left of its command.
 */
public final class RepositoryLease {
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration ttl;
    private final Optional<LocalProcesses.Identity> worker;

    /** @param worker this worker process, or empty when the machine cannot name it */
    public RepositoryLease(DataSource dataSource, Clock clock, Duration ttl, Optional<LocalProcesses.Identity> worker) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.ttl = ttl;
        this.worker = worker;
    }

    /** Who holds a repository's lease: the job, its worker process (when known), its command's process group. */
    public record Holder(String repository, String job, Optional<LocalProcesses.Identity> worker, Optional<Long> commandGroup) {
    }

    public Duration ttl() {
        return ttl;
    }

    public boolean acquire(String repository, String holder) {
        long now = clock.millis();
        return update("""
                INSERT INTO repository_leases (repository, holder, expires_at, worker_space, worker_pid, worker_started, command_group)
                VALUES (?, ?, ?, ?, ?, ?, NULL)
                ON CONFLICT(repository) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,
                    worker_space = excluded.worker_space, worker_pid = excluded.worker_pid,
                    worker_started = excluded.worker_started, command_group = NULL
                WHERE repository_leases.expires_at < ? OR repository_leases.holder = excluded.holder""",
                repository, holder, now + ttl.toMillis(), worker.map(LocalProcesses.Identity::space).orElse(null),
                worker.map(LocalProcesses.Identity::pid).orElse(null), worker.map(LocalProcesses.Identity::started).orElse(null), now);
    }

    public boolean renew(String repository, String holder) {
        return update("UPDATE repository_leases SET expires_at = ? WHERE repository = ? AND holder = ?",
                clock.millis() + ttl.toMillis(), repository, holder);
    }

    /** Records the process group of the sync command the holder runs now (null: none). */
    public void command(String repository, String holder, Long group) {
        update("UPDATE repository_leases SET command_group = ? WHERE repository = ? AND holder = ?", group, repository, holder);
    }

    public void release(String repository, String holder) {
        update("DELETE FROM repository_leases WHERE repository = ? AND holder = ?", repository, holder);
    }

    /**
     * Takes a dead holder's lease away, unless it changed meanwhile (the job was run again
     * elsewhere): true for the one caller that did, which then handles the dead holder's job.
     */
    public boolean releaseDead(Holder dead) {
        LocalProcesses.Identity process = dead.worker().orElseThrow();
        return update("DELETE FROM repository_leases WHERE repository = ? AND holder = ? AND worker_space = ? AND worker_pid = ?"
                + " AND worker_started = ?", dead.repository(), dead.job(), process.space(), process.pid(), process.started());
    }

    public Optional<Holder> holder(String repository) {
        return holders("SELECT * FROM repository_leases WHERE repository = ?", repository).stream().findFirst();
    }

    /** Every lease held now, by live or dead workers. */
    public List<Holder> holders() {
        return holders("SELECT * FROM repository_leases");
    }

    private List<Holder> holders(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<Holder> holders = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String space = rows.getString("worker_space");
                    Optional<LocalProcesses.Identity> process = space == null ? Optional.empty()
                            : Optional.of(new LocalProcesses.Identity(space, rows.getLong("worker_pid"), rows.getLong("worker_started")));
                    long group = rows.getLong("command_group");
                    holders.add(new Holder(rows.getString("repository"), rows.getString("holder"), process,
                            rows.wasNull() ? Optional.empty() : Optional.of(group)));
                }
            }
            return holders;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the repository leases: " + e.getMessage(), e);
        }
    }

    private boolean update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update a repository lease: " + e.getMessage(), e);
        }
    }
}
