-- Many workers, one study: the workers that joined it, which one holds each running trial and until when (a lease
-- renewed by its heartbeat), the machine measured latencies belong to, and the trained networks of a study on a
-- server, in parts every worker can reach.
CREATE TABLE worker (
    id VARCHAR PRIMARY KEY,
    host VARCHAR NOT NULL,
    pid BIGINT NOT NULL,
    started TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    heartbeat TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    stopped TIMESTAMP(9) WITH TIME ZONE
);
ALTER TABLE trial ADD COLUMN worker VARCHAR;
ALTER TABLE study ADD COLUMN lease_seconds INT NOT NULL DEFAULT 60;
ALTER TABLE study ADD COLUMN latency_machine VARCHAR;
CREATE TABLE checkpoint_part (
    trial INT NOT NULL,
    part INT NOT NULL,
    bytes BYTEA NOT NULL,
    PRIMARY KEY (trial, part)
);
UPDATE schema_version SET version = 6;
