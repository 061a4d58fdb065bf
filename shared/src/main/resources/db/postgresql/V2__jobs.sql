-- PostgreSQL's form of db/sqlite/V2: epoch milliseconds and byte counts need BIGINT (INTEGER is
-- 32 bits here, 64 in SQLite); ids are BIGSERIAL.

-- Which worker runs which repository now: one sync, snapshot or milestone per repository at a time.
CREATE TABLE repository_leases (
    repository VARCHAR NOT NULL PRIMARY KEY,
    holder     VARCHAR NOT NULL,
    expires_at BIGINT  NOT NULL
);

-- Every run of a job, as `parceler repo:runs` shows it.
CREATE TABLE job_runs (
    id           BIGSERIAL PRIMARY KEY,
    repository   VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,
    job_id       VARCHAR NULL,
    started_at   VARCHAR NOT NULL,
    finished_at  VARCHAR NULL,
    outcome      VARCHAR NOT NULL,
    exit_code    INTEGER NULL,
    output       TEXT    NULL,
    message      TEXT    NULL,
    snapshot     VARCHAR NULL,
    files_copied BIGINT  NULL,
    files_linked BIGINT  NULL,
    bytes_copied BIGINT  NULL,
    bytes_linked BIGINT  NULL
);
CREATE INDEX job_runs_repository_started ON job_runs (repository, started_at);
CREATE INDEX job_runs_job ON job_runs (job_id);

-- Maintenance mode, shared by every process: a row means down.
CREATE TABLE maintenance (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    down_since  VARCHAR NOT NULL,
    retry_after INTEGER NULL,
    secret_hash VARCHAR NULL
);

-- Small named values: the scheduler's last tick, the job tables' version.
CREATE TABLE parceler_meta (
    key   VARCHAR NOT NULL PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Per-repository option: compare file content (sha256) instead of size and modification time
-- when deciding whether a file is unchanged since the previous snapshot.
ALTER TABLE repositories ADD COLUMN compare_content INTEGER NOT NULL DEFAULT 0;
