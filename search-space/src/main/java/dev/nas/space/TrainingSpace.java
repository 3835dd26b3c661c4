package dev.nas.space;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The training hyperparameters searched alongside the architecture, the epochs each candidate trains, and the
 * learning-rate schedule every candidate follows over the full epochs.
 *
 * @param augment   the augmentations searched, where the space has any; a space without has no dimensions for
 *                  them, so its candidates, keys and samples are what they were before augmentation existed
 * @param normalize how every candidate's input is scaled (not searched: one statistic per study)
 */
public record TrainingSpace(Domain<Double> learningRate, Domain<Integer> batchSize, Domain<Optimizer> optimizer,
                            Domain<Double> weightDecay, Epochs epochs, Schedule schedule,
                            Optional<AugmentSpace> augment, Normalize normalize) {

    /** A training space without augmentation or normalisation. */
    public TrainingSpace(Domain<Double> learningRate, Domain<Integer> batchSize, Domain<Optimizer> optimizer,
                         Domain<Double> weightDecay, Epochs epochs, Schedule schedule) {
        this(learningRate, batchSize, optimizer, weightDecay, epochs, schedule, Optional.empty(), Normalize.NONE);
    }

    /** The augmentations a space searches (see {@link Augmentation}), each a choice, possibly of one. */
    public record AugmentSpace(Domain<Integer> crop, Domain<Boolean> flip, Domain<Integer> cutout) {

        boolean allows(Augmentation a) {
            return crop.contains(a.crop()) && flip.contains(a.flip()) && cutout.contains(a.cutout());
        }
    }

    /** The learning rate of {@code h} in epoch {@code epoch} (1-based) of a full-fidelity training. */
    public double learningRate(Hyperparameters h, int epoch) {
        return h.learningRate() * schedule.factor(epoch, epochs.max());
    }

    public List<Dimension<?>> dimensions(String prefix) {
        List<Dimension<?>> dimensions = new ArrayList<>(List.of(new Dimension<>(prefix + "learning_rate", learningRate),
                new Dimension<>(prefix + "batch_size", batchSize),
                new Dimension<>(prefix + "optimizer", optimizer),
                new Dimension<>(prefix + "weight_decay", weightDecay)));
        augment.ifPresent(a -> dimensions.addAll(List.of(new Dimension<>(prefix + "augment.crop", a.crop()),
                new Dimension<>(prefix + "augment.flip", a.flip()),
                new Dimension<>(prefix + "augment.cutout", a.cutout()))));
        return dimensions;
    }

    public Hyperparameters assemble(Iterator<Object> values) {
        double learningRate = (Double) values.next();
        int batchSize = (Integer) values.next();
        Optimizer optimizer = (Optimizer) values.next();
        double weightDecay = (Double) values.next();
        Augmentation augmentation = augment.isEmpty() ? Augmentation.NONE
                : new Augmentation((Integer) values.next(), (Boolean) values.next(), (Integer) values.next());
        return new Hyperparameters(learningRate, batchSize, optimizer, weightDecay, augmentation);
    }

    public void values(Hyperparameters h, List<Object> out) {
        out.add(h.learningRate());
        out.add(h.batchSize());
        out.add(h.optimizer());
        out.add(h.weightDecay());
        if (augment.isPresent()) {
            out.add(h.augmentation().crop());
            out.add(h.augmentation().flip());
            out.add(h.augmentation().cutout());
        }
    }

    public boolean allows(Hyperparameters h) {
        return learningRate.contains(h.learningRate()) && batchSize.contains(h.batchSize())
                && optimizer.contains(h.optimizer()) && weightDecay.contains(h.weightDecay())
                && augment.map(a -> a.allows(h.augmentation())).orElse(h.augmentation().isNone());
    }
}
