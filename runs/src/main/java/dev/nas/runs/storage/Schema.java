package dev.nas.runs.storage;

import java.util.List;

/**
 * The tables of a study database. Bump {@link #VERSION} with every change, and add the statements that bring the
 * previous version up to it to {@link #UPGRADES}.
 */
final class Schema {

    static final int VERSION = 4;

    /** The lookup table a study's latencies were predicted from, by device (see {@link LatencyLookup}). */
    static final String LATENCY_LAYER = """
            CREATE TABLE latency_layer (
                device VARCHAR NOT NULL,
                layer VARCHAR NOT NULL,
                median_ms DOUBLE PRECISION NOT NULL,
                iqr_ms DOUBLE PRECISION NOT NULL,
                runs INT NOT NULL,
                PRIMARY KEY (device, layer)
            )""";
    static final String LATENCY_FIT = """
            CREATE TABLE latency_fit (
                device VARCHAR PRIMARY KEY,
                overhead_ms DOUBLE PRECISION NOT NULL,
                scale DOUBLE PRECISION NOT NULL,
                per_layer_ms DOUBLE PRECISION NOT NULL,
                networks INT NOT NULL
            )""";

    /** {@code UPGRADES.get(v - 1)} turns version v into version v + 1. */
    static final List<List<String>> UPGRADES = List.of(
            List.of("ALTER TABLE trial ADD COLUMN parent INT", "ALTER TABLE trial ADD COLUMN parent_epochs INT"),
            List.of("ALTER TABLE trial ADD COLUMN heartbeat TIMESTAMP(9) WITH TIME ZONE",
                    "ALTER TABLE study ADD COLUMN run_options VARCHAR NOT NULL DEFAULT '{}'"),
            List.of(LATENCY_LAYER, LATENCY_FIT));

    static final List<String> CREATE = List.of("""
            CREATE TABLE schema_version (
                version INT NOT NULL
            )""", """
            CREATE TABLE study (
                id INT PRIMARY KEY CHECK (id = 1),
                name VARCHAR NOT NULL,
                space_origin VARCHAR NOT NULL,
                space_yaml CHARACTER LARGE OBJECT NOT NULL,
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
                os VARCHAR NOT NULL,
                run_options VARCHAR NOT NULL DEFAULT '{}'
            )""", """
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
                images_per_second DOUBLE PRECISION,
                parent INT,
                parent_epochs INT,
                heartbeat TIMESTAMP(9) WITH TIME ZONE
            )""", """
            CREATE TABLE epoch (
                trial INT NOT NULL REFERENCES trial (number),
                epoch INT NOT NULL,
                train_loss DOUBLE PRECISION NOT NULL,
                validation_accuracy DOUBLE PRECISION NOT NULL,
                seconds DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (trial, epoch)
            )""", """
            CREATE TABLE pareto_front (
                position INT PRIMARY KEY,
                trial INT NOT NULL UNIQUE REFERENCES trial (number)
            )""", LATENCY_LAYER, LATENCY_FIT);

    private Schema() {
    }
}
