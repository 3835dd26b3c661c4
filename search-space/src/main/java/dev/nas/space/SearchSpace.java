package dev.nas.space;

import java.util.ArrayList;
import java.util.List;

/**
 * A MnasNet-style factorized hierarchical search space: a fixed stem, a list of searched blocks and a fixed head
 * for images of one shape and class count, the training hyperparameters searched with them, and the objectives.
 * Read one with {@link dev.nas.space.yaml.SpaceLoader}.
 */
public record SearchSpace(String name, FeatureMap input, int classes, Stem stem, List<BlockSpace> blocks, Head head,
                          TrainingSpace training, ObjectiveSpec objective) {

    public SearchSpace {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a space needs at least one block");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
    }

    public CandidateCodec codec() {
        return new CandidateCodec(this);
    }

    /** Every dimension, fixed or searched, in a stable order: blocks first, then training. */
    public List<Dimension<?>> dimensions() {
        List<Dimension<?>> dimensions = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            dimensions.addAll(blocks.get(i).dimensions("blocks[" + i + "]."));
        }
        dimensions.addAll(training.dimensions("training."));
        return dimensions;
    }

    /**
     * The space of {@code candidate} alone: every dimension fixed to its value, trained for {@code epochs}. Written
     * with {@link dev.nas.space.yaml.SpaceWriter}, it is a standalone description of one architecture that the
     * loader reads back to the same candidate.
     */
    public SearchSpace only(Candidate candidate, Epochs epochs) {
        check(candidate);
        List<BlockSpace> fixed = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            fixed.add(blocks.get(i).only(candidate.blocks().get(i)));
        }
        Hyperparameters h = candidate.training();
        Augmentation a = h.augmentation();
        return new SearchSpace(name, input, classes, stem, fixed, head, new TrainingSpace(Choice.of(h.learningRate()),
                Choice.of(h.batchSize()), Choice.of(h.optimizer()), Choice.of(h.weightDecay()), epochs,
                training.schedule(), training.augment().map(any -> new TrainingSpace.AugmentSpace(
                Choice.of(a.crop()), Choice.of(a.flip()), Choice.of(a.cutout()))), training.normalize()), objective);
    }

    /** Throws {@link IllegalArgumentException} naming the first block or setting that this space cannot produce. */
    public Candidate check(Candidate candidate) {
        if (candidate.blocks().size() != blocks.size()) {
            throw new IllegalArgumentException("candidate has " + candidate.blocks().size() + " blocks, space '"
                    + name + "' has " + blocks.size());
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (!blocks.get(i).allows(candidate.blocks().get(i))) {
                throw new IllegalArgumentException("block " + i + " '" + candidate.blocks().get(i).token()
                        + "' is not in space '" + name + "'");
            }
        }
        if (!training.allows(candidate.training())) {
            throw new IllegalArgumentException("training '" + candidate.training().token()
                    + "' is not in space '" + name + "'");
        }
        return candidate;
    }
}
