package dev.nas.core.storage;

class InMemoryStorageTest extends StorageContract {

    @Override
    protected Storage create() {
        return new InMemoryStorage();
    }
}
