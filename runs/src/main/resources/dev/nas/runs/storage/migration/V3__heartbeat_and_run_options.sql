-- Resumable searches: a running trial's heartbeat, and the options nas resume repeats.
ALTER TABLE trial ADD COLUMN heartbeat TIMESTAMP(9) WITH TIME ZONE;
ALTER TABLE study ADD COLUMN run_options VARCHAR NOT NULL DEFAULT '{}';
UPDATE schema_version SET version = 3;
