-- A fast lane (repo:release --path): one folder served from a newer snapshot than the delay
-- chooses, for every ring, until the delay catches up with that snapshot or it is cleared.
ALTER TABLE repositories ADD COLUMN fast_lane_path VARCHAR;
ALTER TABLE repositories ADD COLUMN fast_lane_snapshot VARCHAR;
