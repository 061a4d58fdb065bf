-- "milestone" became "release": runs recorded under the old name read as releases.
UPDATE job_runs SET kind = 'release' WHERE kind = 'milestone';
