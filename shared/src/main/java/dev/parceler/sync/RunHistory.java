package dev.parceler.sync;

import dev.parceler.snapshot.CopyStats;
import dev.parceler.sync.JobRun.Kind;
import dev.parceler.sync.JobRun.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code job_runs} table: every run of every job, for {@code parceler repo:runs}. */
public final class RunHistory {
    /** Fixed width, so that text order is time order in SQL. */
    private static final java.time.format.DateTimeFormatter STAMP =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final DataSource dataSource;
    private final Clock clock;

    public RunHistory(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Records a run as started and returns its id. Runs left running by a dead worker for the same job are marked interrupted. */
    public long start(String repository, Kind kind, UUID jobId) {
        String now = STAMP.format(clock.instant());
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement interrupted = connection.prepareStatement(
                    "UPDATE job_runs SET outcome = 'interrupted', finished_at = ?, message = coalesce(message, 'cut short: its worker stopped')"
                    + " WHERE job_id = ? AND kind = ? AND outcome = 'running'")) {
                interrupted.setString(1, now);
                interrupted.setString(2, jobId.toString());
                interrupted.setString(3, kind.label());
                interrupted.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO job_runs (repository, kind, job_id, started_at, outcome) VALUES (?, ?, ?, ?, 'running')",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, repository);
                insert.setString(2, kind.label());
                insert.setString(3, jobId.toString());
                insert.setString(4, now);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the start of a " + kind.label() + " of " + repository, e);
        }
    }

    /** Marks the runs of a job still recorded as running as interrupted, saying why; returns how many. */
    public int interrupt(UUID jobId, String message) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE job_runs SET outcome = 'interrupted', finished_at = ?, message = ? WHERE job_id = ? AND outcome = 'running'")) {
            update.setString(1, STAMP.format(clock.instant()));
            update.setString(2, message);
            update.setString(3, jobId.toString());
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the interruption of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /** How a run ended; the empty outcome has no exit code, output, snapshot or stats. */
    public record Ending(Outcome outcome, Integer exitCode, List<String> output, String message, String snapshot, CopyStats stats) {
        public static Ending succeeded() {
            return new Ending(Outcome.SUCCEEDED, null, List.of(), null, null, null);
        }

        public static Ending failed(String message) {
            return new Ending(Outcome.FAILED, null, List.of(), message, null, null);
        }
    }

    public void finish(long runId, Ending ending) {
        String sql = "UPDATE job_runs SET finished_at = ?, outcome = ?, exit_code = ?, output = ?, message = ?, snapshot = ?,"
                + " files_copied = ?, files_linked = ?, bytes_copied = ?, bytes_linked = ? WHERE id = ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, STAMP.format(clock.instant()));
            update.setString(2, ending.outcome().label());
            setInteger(update, 3, ending.exitCode());
            update.setString(4, ending.output().isEmpty() ? null : String.join("\n", ending.output()));
            update.setString(5, ending.message());
            update.setString(6, ending.snapshot());
            CopyStats stats = ending.stats();
            setLong(update, 7, stats == null ? null : stats.filesCopied());
            setLong(update, 8, stats == null ? null : stats.filesLinked());
            setLong(update, 9, stats == null ? null : stats.bytesCopied());
            setLong(update, 10, stats == null ? null : stats.bytesLinked());
            update.setLong(11, runId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the end of run " + runId, e);
        }
    }

    /** Records an operator's action as a run that is over at once: an audit line in {@code repo:runs}. */
    public void audit(String repository, Kind kind, String message, String snapshot) {
        String now = STAMP.format(clock.instant());
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO job_runs (repository, kind, started_at, finished_at, outcome, message, snapshot)"
                        + " VALUES (?, ?, ?, ?, 'succeeded', ?, ?)")) {
            insert.setString(1, repository);
            insert.setString(2, kind.label());
            insert.setString(3, now);
            insert.setString(4, now);
            insert.setString(5, message);
            insert.setString(6, snapshot);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the " + kind.label() + " of " + repository, e);
        }
    }

    /** The newest runs of a repository first. */
    public List<JobRun> recent(String repository, int limit) {
        String sql = "SELECT * FROM job_runs WHERE repository = ? ORDER BY started_at DESC, id DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, repository);
            select.setInt(2, limit);
            return runs(select);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the runs of " + repository, e);
        }
    }

    /** Runs of every repository that finished at or after {@code since}, in the order they finished; at most {@code limit}. */
    public List<JobRun> finishedSince(Instant since, int limit) {
        String sql = "SELECT * FROM job_runs WHERE finished_at IS NOT NULL AND finished_at >= ? ORDER BY finished_at, id LIMIT ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, STAMP.format(since));
            select.setInt(2, limit);
            return runs(select);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the finished runs", e);
        }
    }

    /** Deletes finished runs that started before {@code cutoff}; returns how many. */
    public int pruneBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM job_runs WHERE started_at < ? AND outcome <> 'running'")) {
            delete.setString(1, STAMP.format(cutoff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prune job runs", e);
        }
    }

    private static List<JobRun> runs(PreparedStatement select) throws SQLException {
        List<JobRun> runs = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                runs.add(read(rows));
            }
        }
        return runs;
    }

    private static JobRun read(ResultSet row) throws SQLException {
        String output = row.getString("output");
        CopyStats stats = row.getObject("files_copied") == null ? null : new CopyStats(row.getLong("files_copied"),
                row.getLong("files_linked"), row.getLong("bytes_copied"), row.getLong("bytes_linked"));
        Integer exitCode = row.getObject("exit_code") == null ? null : row.getInt("exit_code");
        return new JobRun(
                row.getLong("id"),
                row.getString("repository"),
                Kind.ofLabel(row.getString("kind")),
                Optional.ofNullable(row.getString("job_id")),
                Instant.parse(row.getString("started_at")),
                Optional.ofNullable(row.getString("finished_at")).map(Instant::parse),
                Outcome.valueOf(row.getString("outcome").toUpperCase(java.util.Locale.ROOT)),
                Optional.ofNullable(exitCode),
                output == null ? List.of() : List.of(output.split("\n", -1)),
                Optional.ofNullable(row.getString("message")),
                Optional.ofNullable(row.getString("snapshot")),
                Optional.ofNullable(stats));
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value);
        }
    }
}
