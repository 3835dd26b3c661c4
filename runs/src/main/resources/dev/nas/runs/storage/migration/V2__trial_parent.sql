-- Multi-fidelity controllers: a trial may continue a completed trial from its weights after N epochs.
ALTER TABLE trial ADD COLUMN parent INT;
ALTER TABLE trial ADD COLUMN parent_epochs INT;
UPDATE schema_version SET version = 2;
