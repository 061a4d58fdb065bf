-- Per-repository: check feed indexes (opkg Packages, apk packages.adb) before a snapshot is made.
ALTER TABLE repositories ADD COLUMN feed_check INTEGER NOT NULL DEFAULT 1;
-- Per-repository: which snapshot the delay serves, 'window' (oldest inside the delay) or 'strict'
-- (newest at least the delay old).
ALTER TABLE repositories ADD COLUMN delay_policy VARCHAR NOT NULL DEFAULT 'window';
-- 1 while the freeze was set by repo:rollback; cleared with the freeze.
ALTER TABLE repositories ADD COLUMN freeze_rollback INTEGER NOT NULL DEFAULT 0;

-- Snapshots each repository has served, and when last: cleanup keeps the last few as a way back.
CREATE TABLE served_snapshots (
    repository      VARCHAR NOT NULL,
    snapshot        VARCHAR NOT NULL,
    first_served_at VARCHAR NOT NULL,
    last_served_at  VARCHAR NOT NULL,
    PRIMARY KEY (repository, snapshot)
);
