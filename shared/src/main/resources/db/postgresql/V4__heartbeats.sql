-- PostgreSQL's form of db/sqlite/V4 (epoch milliseconds and pids as BIGINT).
-- The last sign of life of each long-running process, one row per kind (serve, worker,
-- scheduler) and host: `parceler health` and /up read it.
CREATE TABLE process_heartbeats (
    kind       VARCHAR NOT NULL,
    host       VARCHAR NOT NULL,
    pid        BIGINT  NOT NULL,
    started_at BIGINT  NOT NULL,
    beat_at    BIGINT  NOT NULL,
    -- worker: when the oldest job it runs now started; NULL when idle.
    busy_since BIGINT  NULL,
    -- scheduler: the next tick of SYNC_SCHEDULE it must handle.
    due_at     BIGINT  NULL,
    PRIMARY KEY (kind, host)
);
