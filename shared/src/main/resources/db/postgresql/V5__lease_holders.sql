-- PostgreSQL's form of db/sqlite/V5 (pids and epoch milliseconds as BIGINT).
-- Which worker process holds a repository's lease, and the process group of the sync command it
-- runs: a worker that died is noticed at once by another worker of the same machine.
ALTER TABLE repository_leases ADD COLUMN worker_space VARCHAR NULL;
ALTER TABLE repository_leases ADD COLUMN worker_pid BIGINT NULL;
ALTER TABLE repository_leases ADD COLUMN worker_started BIGINT NULL;
ALTER TABLE repository_leases ADD COLUMN command_group BIGINT NULL;
