-- The lookup table and fit a study's latencies were predicted from, per device.
CREATE TABLE latency_layer (
    device VARCHAR NOT NULL,
    layer VARCHAR NOT NULL,
    median_ms DOUBLE PRECISION NOT NULL,
    iqr_ms DOUBLE PRECISION NOT NULL,
    runs INT NOT NULL,
    PRIMARY KEY (device, layer)
);
CREATE TABLE latency_fit (
    device VARCHAR PRIMARY KEY,
    overhead_ms DOUBLE PRECISION NOT NULL,
    scale DOUBLE PRECISION NOT NULL,
    per_layer_ms DOUBLE PRECISION NOT NULL,
    networks INT NOT NULL
);
UPDATE schema_version SET version = 4;
