-- The values of a completed trial's objectives beyond accuracy, latency, parameters and MACs (peak activation memory
-- and model size in bytes, a tabular benchmark's columns such as energy), as a JSON object by objective name. Trials
-- of older versions have none (NULL): their spaces could name no such objective.
ALTER TABLE trial ADD COLUMN measures VARCHAR;
ALTER TABLE warm_trial ADD COLUMN measures VARCHAR;
UPDATE schema_version SET version = 11;
