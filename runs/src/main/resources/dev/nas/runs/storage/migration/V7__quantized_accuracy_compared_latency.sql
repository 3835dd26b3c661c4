-- A study that scores candidates quantized to int8 keeps the int8 model's accuracy beside the trained network's (the
-- epochs'), and the sizes of the int8 and float model files; a study that times candidates in two engines keeps the
-- second engine's latency, on the same machine. A study keeps the names of its data's classes (image folders, CIFAR).
ALTER TABLE study ADD COLUMN class_names VARCHAR NOT NULL DEFAULT '[]';
ALTER TABLE trial ADD COLUMN quantized_accuracy DOUBLE PRECISION;
ALTER TABLE trial ADD COLUMN quantized_bytes BIGINT;
ALTER TABLE trial ADD COLUMN float_bytes BIGINT;
ALTER TABLE trial ADD COLUMN compared_latency_ms DOUBLE PRECISION;
ALTER TABLE trial ADD COLUMN compared_latency_spread_ms DOUBLE PRECISION;
ALTER TABLE trial ADD COLUMN compared_latency_runs INT;
ALTER TABLE trial ADD COLUMN compared_backend VARCHAR;
UPDATE schema_version SET version = 7;
