package dev.nas.eval.dl4j;

import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.study.ChannelStats;
import dev.nas.core.study.Seeds;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Stopped;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.eval.data.Augmenter;
import dev.nas.eval.data.Split;
import dev.nas.space.Augmentation;
import dev.nas.space.FeatureMap;
import dev.nas.space.Normalize;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains candidates with Deeplearning4j on a fixed train/validation split and scores them on validation accuracy.
 * A candidate's augmentation varies its training images in every epoch, the same way for the same seed and epoch.
 * A loss that turns NaN or infinite, an exception inside DL4J, or running out of memory end the trial as
 * {@link Failed} with the reason; the evaluator stays usable for the next candidate.
 *
 * <p>With a {@link Checkpoints} store, every network is saved under its trial number after each epoch, so an
 * interrupted trial continues from its last epoch, and a request with a parent starts from the parent's weights: a
 * promoted candidate continues where it stopped, and a population member can take over a better member's weights
 * with its own hyperparameters. A request that inherits starts the layers its donor also has from the donor's
 * weights ({@link WeightInheritance}).
 *
 * <p>With a {@link Quantizer}, a trained network is also quantized and scored as it would ship, and a failure to
 * quantize fails the trial.
 */
public final class Dl4jEvaluator implements Evaluator {

    /**
     * Validation batches hold up to 1,000 images and about 2 million pixel values (8 MB of floats): 1,000 of
     * 28x28, 170 of 64x64x3, so that large images do not make large batches. An image's prediction does not depend on
     * the batch it is in.
     */
    private static final int VALIDATION_IMAGES = 1000;
    private static final int VALIDATION_VALUES = 1 << 21;
    private static final long BATCH_ORDER = 0x4241_5443_48L;
    private static final long AUGMENT = 0x4155_474DL;

    private final SearchSpace space;
    private final Split split;
    private final Batches loader = new Batches(Batches.AHEAD);
    private final Optional<Checkpoints> checkpoints;
    private final Optional<Quantizer> quantizer;
    private final Optional<ChannelStats> normalization;

    /**
     * An evaluator that keeps no trained networks, so it cannot continue from a parent; a space that normalises its
     * input does so by the statistics of {@code split}'s training images.
     */
    public Dl4jEvaluator(SearchSpace space, Split split) {
        this(space, split, Optional.empty());
    }

    /** The same, keeping trained networks in {@code checkpoints}. */
    public Dl4jEvaluator(SearchSpace space, Split split, Optional<Checkpoints> checkpoints) {
        this(space, split, normalization(space, split), checkpoints, Optional.empty());
    }

    /**
     * An evaluator whose networks normalise their input by {@code normalization}, which must be given exactly when
     * the space normalises: a study's, kept with it.
     */
    public Dl4jEvaluator(SearchSpace space, Split split, Optional<ChannelStats> normalization,
                         Optional<Checkpoints> checkpoints, Optional<Quantizer> quantizer) {
        if (normalization.isPresent() != (space.training().normalize() == Normalize.PER_CHANNEL)) {
            throw new IllegalArgumentException("space '" + space.name() + "' has normalize: "
                    + space.training().normalize().token() + ", but channel statistics were "
                    + (normalization.isPresent() ? "" : "not ") + "given");
        }
        this.space = space;
        this.split = split;
        this.normalization = normalization;
        this.checkpoints = checkpoints;
        this.quantizer = quantizer;
    }

    /** The channel statistics of {@code split}'s training images if {@code space} normalises by them. */
    public static Optional<ChannelStats> normalization(SearchSpace space, Split split) {
        return space.training().normalize() == Normalize.PER_CHANNEL ? Optional.of(split.train().channelStats())
                : Optional.empty();
    }

    @Override
    public TrainingResult train(TrainingRequest request, Consumer<EpochRecord> onEpoch, BooleanSupplier stop) {
        List<EpochRecord> epochs = new ArrayList<>();
        ComputationGraph network = null;
        try {
            network = resumedNetwork(request).orElse(null);
            if (network == null) {
                network = startingNetwork(request);
            } else {
                epochs.addAll(request.done());
            }
            int batchSize = request.candidate().training().batchSize();
            long trainingNanos = 0;
            int first = request.firstEpoch() + epochs.size();
            for (int epoch = first; epoch <= request.lastEpoch(); epoch++) {
                long start = System.nanoTime();
                // The learning-rate schedule reads DL4J's epoch count; set here, it holds wherever the network
                // came from (fresh, a checkpoint, or a parent).
                network.getConfiguration().setEpochCount(epoch - 1);
                double lossSum = 0;
                // Each epoch's order depends on the seed and the epoch only, so a resumed trial trains as it would
                // have without the interruption.
                int[] visit = permutation(Batches.count(split.train(), batchSize), new SplittableRandom(
                        Seeds.derive(request.seed(), BATCH_ORDER, epoch)));
                SplittableRandom augmenting = new SplittableRandom(Seeds.derive(request.seed(), AUGMENT, epoch));
                Augmentation augmentation = request.candidate().training().augmentation();
                try (Batches.Epoch batches = loader.epoch(split.train(), batchSize, space.classes(), visit,
                        (features, count) -> augment(augmentation, features, count, augmenting))) {
                    for (int b = 0; b < visit.length; b++) {
                        if (stop.getAsBoolean()) {
                            return new Stopped(epochs);
                        }
                        network.fit(batches.next());
                        double loss = network.score();
                        if (!Double.isFinite(loss)) {
                            return new Failed("diverged: loss " + loss + " in epoch " + epoch + " after " + (b + 1)
                                    + " of " + visit.length + " batches", epochs);
                        }
                        lossSum += loss;
                    }
                }
                long trained = System.nanoTime();
                trainingNanos += trained - start;
                double accuracy;
                try (Batches.Epoch validation = loader.inOrder(split.validation(), validationBatch(),
                        space.classes())) {
                    accuracy = accuracy(network, validation);
                }
                EpochRecord record = new EpochRecord(epoch, lossSum / visit.length, accuracy,
                        (System.nanoTime() - start) / 1e9);
                // The checkpoint is written before the epoch is reported, so a recorded epoch always has its weights.
                network.getConfiguration().setEpochCount(epoch);
                int trial = request.trial();
                ComputationGraph current = network;
                checkpoints.ifPresent(store -> store.save(trial, current));
                epochs.add(record);
                onEpoch.accept(record);
            }
            double seconds = epochs.stream().mapToDouble(EpochRecord::seconds).sum();
            int trainedEpochs = request.lastEpoch() - first + 1;
            double imagesPerSecond = trainedEpochs == 0 ? 0
                    : (double) split.train().size() * trainedEpochs / (trainingNanos / 1e9);
            Trained trained = new Trained(epochs, seconds, imagesPerSecond);
            return quantizer.isEmpty() ? trained : trained.with(quantizer.get().quantize(network));
        } catch (OutOfMemoryError e) {
            return new Failed("out of memory: " + e.getMessage(), epochs);
        } catch (RuntimeException e) {
            return new Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), epochs);
        } finally {
            if (network != null) {
                network.close();
            }
        }
    }

    @Override
    public void discard(int trial) {
        checkpoints.ifPresent(store -> store.delete(trial));
    }

    /**
     * The network an interrupted attempt left after its last recorded epoch, or empty when there is none to continue
     * from (no epochs done, or the checkpoint is missing or from another epoch: then the trial starts over). The
     * checkpoint says which epoch it holds in DL4J's epoch count, which this evaluator sets before saving.
     */
    private Optional<ComputationGraph> resumedNetwork(TrainingRequest request) {
        if (request.done().isEmpty() || checkpoints.isEmpty() || !checkpoints.get().has(request.trial())) {
            return Optional.empty();
        }
        ComputationGraph network = checkpoints.get().load(request.trial());
        int lastDone = request.done().get(request.done().size() - 1).epoch();
        if (network.getConfiguration().getEpochCount() != lastDone) {
            network.close();
            return Optional.empty();
        }
        return Optional.of(network);
    }

    /**
     * The network to train: freshly initialised, or with the parent's weights. The optimiser's state (Adam's
     * moments, momentum) and step count come along when the optimiser is the same kind, since they stay valid under a
     * changed learning rate; with another optimiser it starts afresh.
     */
    ComputationGraph startingNetwork(TrainingRequest request) {
        ComputationGraph network = NetworkBuilder.build(NetworkPlan.of(space, request.candidate()),
                request.candidate().training(), space.training(), request.seed(), normalization);
        if (request.parent().isEmpty()) {
            request.inheritFrom().filter(donor -> checkpoints.isPresent() && checkpoints.get().has(donor))
                    .ifPresent(donor -> inherit(network, donor));
            return network;
        }
        int parentTrial = request.parent().get().trial();
        ComputationGraph parent = checkpoints.orElseThrow(() -> new IllegalStateException(
                "trial " + request.trial() + " continues trial " + parentTrial + ", but no checkpoints are kept"))
                .load(parentTrial);
        try {
            if (parent.numParams() != network.numParams()) {
                throw new IllegalStateException("trial " + request.trial() + " cannot continue trial " + parentTrial
                        + ": its network has " + network.numParams() + " parameters, the parent's "
                        + parent.numParams());
            }
            network.setParams(parent.params());
            INDArray state = parent.getUpdater().getStateViewArray();
            if (state != null && optimizer(parent).equals(optimizer(network))) {
                network.getUpdater().setStateViewArray(state.dup());
                network.getConfiguration().setIterationCount(parent.getConfiguration().getIterationCount());
                network.getConfiguration().setEpochCount(parent.getConfiguration().getEpochCount());
            }
            return network;
        } finally {
            parent.close();
        }
    }

    /**
     * Starts {@code network}'s layers of unchanged shape from trial {@code donor}'s trained weights. A donor without a
     * checkpoint (failed, pruned, or from a study whose networks are gone) leaves the network freshly initialised.
     */
    private void inherit(ComputationGraph network, int donor) {
        ComputationGraph parent = checkpoints.orElseThrow().load(donor);
        try {
            WeightInheritance.copy(parent, network);
        } finally {
            parent.close();
        }
    }

    private int validationBatch() {
        FeatureMap input = space.input();
        return Math.max(1, Math.min(VALIDATION_IMAGES, VALIDATION_VALUES / (input.pixels() * input.channels())));
    }

    /** Varies a batch's images by {@code augmentation}, on the loader's thread, in the batches' order. */
    private void augment(Augmentation augmentation, float[] features, int count, SplittableRandom random) {
        if (!augmentation.isNone()) {
            Augmenter.apply(augmentation, features, space.input(), count, random);
        }
    }

    /** The kind of optimiser a network trains with, e.g. {@code Adam}. */
    private static Class<?> optimizer(ComputationGraph network) {
        return network.getUpdater().getUpdaterBlocks().get(0).getGradientUpdater().getConfig().getClass();
    }

    /** Share of {@code batches} whose most probable class is the label. */
    static double accuracy(ComputationGraph network, Iterator<DataSet> batches) {
        long correct = 0;
        long total = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            INDArray predicted = network.outputSingle(false, batch.getFeatures()).argMax(1);
            INDArray actual = batch.getLabels().argMax(1);
            correct += predicted.eq(actual).castTo(DataType.INT32).sumNumber()
                    .longValue();
            total += batch.numExamples();
        }
        return (double) correct / total;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
