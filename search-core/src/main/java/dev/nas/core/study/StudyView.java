package dev.nas.core.study;

import dev.nas.core.trial.Trial;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a controller sees when asked for the next trial: the study's settings and every trial so far, finished or
 * running. Controllers keep no private record: whatever they need is here, so a resumed study continues correctly.
 */
public record StudyView(StudySpec spec, List<Trial> trials) {

    public StudyView {
        trials = List.copyOf(trials);
    }

    /** The number the next trial will get. */
    public int nextNumber() {
        return trials.size();
    }

    /** The random stream for the next trial's candidate. */
    public SplittableRandom random() {
        return Seeds.sampling(spec.seed(), nextNumber());
    }
}
