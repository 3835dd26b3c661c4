package dev.nas.space;

import java.util.Iterator;
import java.util.List;

/**
 * The training hyperparameters searched alongside the architecture, the epochs each candidate trains, and the
 * learning-rate schedule every candidate follows over the full epochs.
 */
public record TrainingSpace(Domain<Double> learningRate, Domain<Integer> batchSize, Domain<Optimizer> optimizer,
                            Domain<Double> weightDecay, Epochs epochs, Schedule schedule) {

    /** The learning rate of {@code h} in epoch {@code epoch} (1-based) of a full-fidelity training. */
    public double learningRate(Hyperparameters h, int epoch) {
        return h.learningRate() * schedule.factor(epoch, epochs.max());
    }

    public List<Dimension<?>> dimensions(String prefix) {
        return List.of(new Dimension<>(prefix + "learning_rate", learningRate),
                new Dimension<>(prefix + "batch_size", batchSize),
                new Dimension<>(prefix + "optimizer", optimizer),
                new Dimension<>(prefix + "weight_decay", weightDecay));
    }

    public Hyperparameters assemble(Iterator<Object> values) {
        return new Hyperparameters((Double) values.next(), (Integer) values.next(), (Optimizer) values.next(),
                (Double) values.next());
    }

    public void values(Hyperparameters h, List<Object> out) {
        out.add(h.learningRate());
        out.add(h.batchSize());
        out.add(h.optimizer());
        out.add(h.weightDecay());
    }

    public boolean allows(Hyperparameters h) {
        return learningRate.contains(h.learningRate()) && batchSize.contains(h.batchSize())
                && optimizer.contains(h.optimizer()) && weightDecay.contains(h.weightDecay());
    }
}
