-- The last sign of life of each long-running process, one row per kind (serve, worker,
-- scheduler) and host (a container's host name is its own): `parceler health` and /up read it.
-- Times are epoch milliseconds.
CREATE TABLE process_heartbeats (
    kind       VARCHAR NOT NULL,
    host       VARCHAR NOT NULL,
    pid        INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    beat_at    INTEGER NOT NULL,
    -- worker: when the oldest job it runs now started; NULL when idle.
    busy_since INTEGER NULL,
    -- scheduler: the next tick of SYNC_SCHEDULE it must handle.
    due_at     INTEGER NULL,
    PRIMARY KEY (kind, host)
);
