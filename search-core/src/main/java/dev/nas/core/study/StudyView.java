package dev.nas.core.study;

import dev.nas.core.trial.Trial;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a controller sees when asked for the next trial: the study's settings and every trial so far, finished or
 * running. Controllers keep no private record: whatever they need is here, so a resumed study continues correctly.
 *
 * @param redraw 0, or how many times the study asked again because the answer was a candidate another worker is
 *               running: each redraw gives the controller another random stream
 */
public record StudyView(StudySpec spec, List<Trial> trials, int redraw) {

    public StudyView {
        trials = List.copyOf(trials);
    }

    public StudyView(StudySpec spec, List<Trial> trials) {
        this(spec, trials, 0);
    }

    /** The number the next trial will get. */
    public int nextNumber() {
        return trials.size();
    }

    /** This view with another redraw: the controller's proposal from another random draw. */
    public StudyView withRedraw(int another) {
        return new StudyView(spec, trials, another);
    }

    /** The random stream for the next trial's candidate. */
    public SplittableRandom random() {
        return Seeds.sampling(spec.seed(), nextNumber(), redraw);
    }
}
