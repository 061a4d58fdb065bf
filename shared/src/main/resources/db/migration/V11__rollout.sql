-- Rings of a staged rollout: per repository, in order, each with its own delay and the machines
-- it holds (system ids listed by name, and/or a percentage of all machines by a stable hash).
CREATE TABLE rings (
    repository VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    delay      INTEGER NOT NULL,
    percent    INTEGER NOT NULL DEFAULT 0,
    machines   VARCHAR NOT NULL DEFAULT '',
    PRIMARY KEY (repository, name)
);

-- repo:halt: while set, every ring serves what it served at this instant (no window moves).
ALTER TABLE repositories ADD COLUMN halted_at VARCHAR;

-- What each machine gets: per repository, the ring and snapshot it last fetched a feed index
-- from, and when (written at most once a minute per machine).
CREATE TABLE machine_sightings (
    repository VARCHAR NOT NULL,
    system_id  VARCHAR NOT NULL,
    ring       VARCHAR NOT NULL,
    snapshot   VARCHAR NOT NULL,
    seen_at    VARCHAR NOT NULL,
    PRIMARY KEY (repository, system_id)
);
