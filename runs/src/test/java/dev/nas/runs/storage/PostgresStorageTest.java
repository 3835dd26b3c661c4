package dev.nas.runs.storage;

import dev.nas.core.storage.Storage;
import dev.nas.core.storage.StorageContract;
import dev.nas.core.testing.Fakes;
import java.util.Map;

/** The storage contract on a real PostgreSQL server, in a database of its own per test. */
class PostgresStorageTest extends StorageContract {

    @Override
    protected Storage create() {
        return PostgresStudies.fresh().location().create(Fakes.spec("tiny", "random", 12.5, 99), Map.of());
    }
}
