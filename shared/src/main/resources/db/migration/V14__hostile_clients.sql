-- A sign-in attempt is recorded before its password is checked, under a random token, so that a
-- parallel burst is counted as a serial one would be; a success removes its own rows again.
ALTER TABLE login_failures ADD COLUMN attempt VARCHAR NULL;

-- Whether the realm verified the system id of a sighting: the enterprise service checks id and
-- secret together, the community service the secret alone. An unverified machine is kept under a
-- key of its secret (system_id '~' and a keyed hash), so invented ids add no rows; claimed_id is
-- the id it sent, which repo:fleet shows as unverified.
ALTER TABLE machine_sightings ADD COLUMN verified INTEGER NOT NULL DEFAULT 1;
ALTER TABLE machine_sightings ADD COLUMN claimed_id VARCHAR NULL;
-- The scheduler prunes sightings by age and, past FLEET_SIGHTINGS_MAX, the least recently seen.
CREATE INDEX machine_sightings_seen ON machine_sightings (repository, seen_at);
