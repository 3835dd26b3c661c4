-- Warm starts and queued candidates. A study may be warm-started with the completed trials of an earlier study or
-- the rows of a tabular benchmark, which its controller knows before its first trial: they are kept apart from the
-- study's own trials, numbered -n to -1 with their epochs, and the study names their source. Candidates may be queued
-- to be tried first; the trial that takes one records its position among its attributes ("enqueued"), so a queued
-- row never changes once written.
ALTER TABLE study ADD COLUMN warm_start VARCHAR;

CREATE TABLE warm_trial (
    number INT PRIMARY KEY CHECK (number < 0),
    candidate VARCHAR NOT NULL,
    seed BIGINT NOT NULL,
    epochs INT NOT NULL,
    state VARCHAR NOT NULL,
    attributes VARCHAR NOT NULL,
    started TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    finished TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    failure VARCHAR,
    accuracy DOUBLE PRECISION,
    latency_ms DOUBLE PRECISION,
    latency_spread_ms DOUBLE PRECISION,
    latency_runs INT,
    latency_source VARCHAR,
    device VARCHAR,
    threads INT,
    cpu VARCHAR,
    jvm VARCHAR,
    backend VARCHAR,
    params BIGINT,
    macs BIGINT,
    train_seconds DOUBLE PRECISION,
    images_per_second DOUBLE PRECISION,
    quantized_accuracy DOUBLE PRECISION,
    quantized_bytes BIGINT,
    float_bytes BIGINT,
    compared_latency_ms DOUBLE PRECISION,
    compared_latency_spread_ms DOUBLE PRECISION,
    compared_latency_runs INT,
    compared_backend VARCHAR
);

CREATE TABLE warm_epoch (
    trial INT NOT NULL REFERENCES warm_trial (number),
    epoch INT NOT NULL,
    train_loss DOUBLE PRECISION NOT NULL,
    validation_accuracy DOUBLE PRECISION NOT NULL,
    seconds DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (trial, epoch)
);

CREATE TABLE queued_candidate (
    position INT PRIMARY KEY CHECK (position >= 0),
    candidate VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    enqueued TIMESTAMP(9) WITH TIME ZONE NOT NULL
);

UPDATE schema_version SET version = 10;
