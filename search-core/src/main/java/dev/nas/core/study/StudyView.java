package dev.nas.core.study;

import dev.nas.core.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a controller sees when asked for the next trial: the study's settings, every trial so far, finished or
 * running, and the trials of an earlier study it was warm-started with. Controllers keep no private record: whatever
 * they need is here, so a resumed study continues correctly.
 *
 * <p>{@link #trials()} are the study's own: the only ones a controller may continue from a checkpoint (a parent),
 * count in rungs or populations, and number after. {@link #known()} adds the warm-start trials before them: what a
 * controller learns from and need not try again.
 *
 * @param warm   the warm-start trials, numbered -n to -1 (see {@link WarmStart}); empty for a study without
 * @param redraw 0, or how many times the study asked again because the answer was a candidate another worker is
 *               running: each redraw gives the controller another random stream
 */
public record StudyView(StudySpec spec, List<Trial> trials, List<Trial> warm, int redraw) {

    public StudyView {
        trials = List.copyOf(trials);
        warm = List.copyOf(warm);
    }

    public StudyView(StudySpec spec, List<Trial> trials, int redraw) {
        this(spec, trials, List.of(), redraw);
    }

    public StudyView(StudySpec spec, List<Trial> trials) {
        this(spec, trials, 0);
    }

    /** Every result the study knows, oldest first: the warm-start trials, then its own. */
    public List<Trial> known() {
        if (warm.isEmpty()) {
            return trials;
        }
        List<Trial> known = new ArrayList<>(warm);
        known.addAll(trials);
        return known;
    }

    /** The number the next trial will get. */
    public int nextNumber() {
        return trials.size();
    }

    /** This view with another redraw: the controller's proposal from another random draw. */
    public StudyView withRedraw(int another) {
        return new StudyView(spec, trials, warm, another);
    }

    /** The random stream for the next trial's candidate. */
    public SplittableRandom random() {
        return Seeds.sampling(spec.seed(), nextNumber(), redraw);
    }
}
