-- Which worker process holds a repository's lease, and the process group of the sync command it
-- runs: a worker that died is noticed at once by another worker of the same machine, which kills
-- what is left of its command before the job runs again.
ALTER TABLE repository_leases ADD COLUMN worker_space VARCHAR NULL;
ALTER TABLE repository_leases ADD COLUMN worker_pid INTEGER NULL;
ALTER TABLE repository_leases ADD COLUMN worker_started INTEGER NULL;
ALTER TABLE repository_leases ADD COLUMN command_group INTEGER NULL;
