package dev.nas.runs.storage;

import dev.nas.core.storage.StorageContract;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A process that keeps a study open to write, as a running search does, until its standard input closes. With a
 * second argument {@code start} it first starts a trial and records its first epoch, as a search does as it trains.
 */
public final class HoldStudy {

    private HoldStudy() {
    }

    public static void main(String[] args) throws Exception {
        try (SqlStorage storage = new H2StudyLocation(StudyFiles.of(Path.of(args[0]))).open()) {
            if (args.length > 1 && args[1].equals("start")) {
                Trial model = StorageContract.completedTrial(0);
                int number = storage.trials().size();
                storage.claim(claimable -> Optional.of(Trial.start(number, model.candidate(), 7, model.epochs(),
                        model.attributes(), Instant.now())));
                storage.recordEpoch(number, new EpochRecord(1, 0.5, 0.25, 1.0));
            }
            System.out.println("open with " + storage.trials().size() + " trial(s)");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the end of input
            }
        }
    }
}
