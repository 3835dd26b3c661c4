package dev.nas.runs.storage;

import dev.nas.core.storage.StorageContract;
import dev.nas.core.trial.Trial;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A process that finishes trials in a study one after another, as fast as it can, and says each as soon as the
 * storage has returned from finishing it, until it is killed.
 */
public final class FinishTrials {

    private FinishTrials() {
    }

    public static void main(String[] args) {
        try (SqlStorage storage = new H2StudyLocation(StudyFiles.of(Path.of(args[0]))).open()) {
            for (int number = storage.trials().size(); ; number++) {
                Trial done = StorageContract.completedTrial(number);
                storage.claim(claimable -> Optional.of(Trial.start(done.number(), done.candidate(), done.seed(),
                        done.epochs(), done.attributes(), done.started())));
                storage.finish(done, trials -> List.of());
                System.out.println("finished " + number);
                System.out.flush();
            }
        }
    }
}
