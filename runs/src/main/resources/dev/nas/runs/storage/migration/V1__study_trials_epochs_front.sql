-- The first study schema: the study's settings, its trials, their epochs and the Pareto front.
CREATE TABLE schema_version (
    version INT NOT NULL
);
INSERT INTO schema_version VALUES (1);

CREATE TABLE study (
    id INT PRIMARY KEY CHECK (id = 1),
    name VARCHAR NOT NULL,
    space_origin VARCHAR NOT NULL,
    space_yaml TEXT NOT NULL,
    controller VARCHAR NOT NULL,
    seed BIGINT NOT NULL,
    budget DOUBLE PRECISION NOT NULL,
    epochs_min INT NOT NULL,
    epochs_max INT NOT NULL,
    data_description VARCHAR NOT NULL,
    data_sha256 VARCHAR NOT NULL,
    created TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    nas_version VARCHAR NOT NULL,
    java VARCHAR NOT NULL,
    os VARCHAR NOT NULL
);

CREATE TABLE trial (
    number INT PRIMARY KEY,
    candidate VARCHAR NOT NULL,
    seed BIGINT NOT NULL,
    epochs INT NOT NULL,
    state VARCHAR NOT NULL,
    attributes VARCHAR NOT NULL,
    started TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    finished TIMESTAMP(9) WITH TIME ZONE,
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
    images_per_second DOUBLE PRECISION
);

CREATE TABLE epoch (
    trial INT NOT NULL REFERENCES trial (number),
    epoch INT NOT NULL,
    train_loss DOUBLE PRECISION NOT NULL,
    validation_accuracy DOUBLE PRECISION NOT NULL,
    seconds DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (trial, epoch)
);

CREATE TABLE pareto_front (
    position INT PRIMARY KEY,
    trial INT NOT NULL UNIQUE REFERENCES trial (number)
);
