package dev.nas.core.evaluation;

import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Parent;
import dev.nas.space.Candidate;
import java.util.List;
import java.util.Optional;

/**
 * Train {@code candidate} for {@code epochs} epochs, from a fresh initialisation or from the weights {@code parent}
 * left. {@code seed} fixes weight initialisation and batch order, so a trial's result does not depend on what ran
 * before it. {@code done} are the first of those epochs, trained by an earlier attempt that was interrupted: the
 * evaluator continues after them from the weights it kept, or starts over if it has none. Without a parent,
 * {@code inheritFrom} may name a trial whose trained weights the candidate's layers of unchanged shape start from.
 */
public record TrainingRequest(int trial, Candidate candidate, Optional<Parent> parent, int epochs, long seed,
                              List<EpochRecord> done, Optional<Integer> inheritFrom) {

    public TrainingRequest {
        done = List.copyOf(done);
        if (parent.isPresent() && inheritFrom.isPresent()) {
            throw new IllegalArgumentException("trial " + trial + " continues a parent, so it cannot also inherit "
                    + "weights from trial " + inheritFrom.get());
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (done.size() > epochs) {
            throw new IllegalArgumentException("trial " + trial + " has " + done.size() + " epochs done of "
                    + epochs);
        }
    }

    /** Continue {@code done} epochs of an interrupted attempt; inherits nothing. */
    public TrainingRequest(int trial, Candidate candidate, Optional<Parent> parent, int epochs, long seed,
                           List<EpochRecord> done) {
        this(trial, candidate, parent, epochs, seed, done, Optional.empty());
    }

    /** Train from a fresh initialisation. */
    public TrainingRequest(int trial, Candidate candidate, int epochs, long seed) {
        this(trial, candidate, Optional.empty(), epochs, seed, List.of());
    }

    /** Train from the start, or from the parent's weights. */
    public TrainingRequest(int trial, Candidate candidate, Optional<Parent> parent, int epochs, long seed) {
        this(trial, candidate, parent, epochs, seed, List.of());
    }

    /** The number of the first epoch this training records: 1, or one after the parent's last. */
    public int firstEpoch() {
        return parent.map(Parent::epochs).orElse(0) + 1;
    }

    /** The number of the last epoch this training records. */
    public int lastEpoch() {
        return firstEpoch() + epochs - 1;
    }
}
