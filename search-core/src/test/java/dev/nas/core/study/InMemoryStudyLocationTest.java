package dev.nas.core.study;

class InMemoryStudyLocationTest extends StudyLocationContract {

    @Override
    protected StudyLocation<?> location() {
        return new InMemoryStudyLocation("test");
    }
}
