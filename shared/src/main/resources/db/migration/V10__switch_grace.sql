-- The snapshot the last release published: timestamped snapshots taken before it are no longer
-- chosen by the delay (they may still be kept, for the switch grace and as a way back).
ALTER TABLE repositories ADD COLUMN released VARCHAR;

-- Per machine (system id) and feed folder, the snapshot it last fetched the folder's index from,
-- and when: for SWITCH_GRACE after that, the folder's other files come from the same snapshot.
-- Shared by every app process.
CREATE TABLE snapshot_pins (
    repository VARCHAR NOT NULL,
    system_id  VARCHAR NOT NULL,
    folder     VARCHAR NOT NULL,
    snapshot   VARCHAR NOT NULL,
    pinned_at  VARCHAR NOT NULL,
    PRIMARY KEY (repository, system_id, folder)
);
CREATE INDEX snapshot_pins_by_time ON snapshot_pins (repository, pinned_at);
