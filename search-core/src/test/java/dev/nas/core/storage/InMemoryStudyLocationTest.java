package dev.nas.core.storage;

class InMemoryStudyLocationTest extends StudyLocationContract {

    @Override
    protected StudyLocation<?> location() {
        return new InMemoryStudyLocation("test");
    }
}
