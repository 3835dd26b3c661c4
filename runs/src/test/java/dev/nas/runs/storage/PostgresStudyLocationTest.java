package dev.nas.runs.storage;

import dev.nas.core.study.StudyLocation;
import dev.nas.core.study.StudyLocationContract;

/** The study-lifecycle contract on a real PostgreSQL server, where many workers share a study. */
class PostgresStudyLocationTest extends StudyLocationContract {

    @Override
    protected StudyLocation<?> location() {
        return PostgresStudies.fresh().location();
    }

    @Override
    protected boolean sharedByWorkers() {
        return true;
    }
}
