package dev.nas.eval.dl4j;

import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.eval.data.Split;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Trains candidates with Deeplearning4j on a fixed train/validation split and scores them on validation accuracy.
 * A loss that turns NaN or infinite, an exception inside DL4J, or running out of memory end the trial as
 * {@link Failed} with the reason; the evaluator stays usable for the next candidate.
 */
public final class Dl4jEvaluator implements Evaluator {

    private static final int VALIDATION_BATCH = 1000;

    private final SearchSpace space;
    private final Split split;
    private final Map<Integer, List<DataSet>> trainBatches = new HashMap<>();
    private final List<DataSet> validationBatches;

    public Dl4jEvaluator(SearchSpace space, Split split) {
        this.space = space;
        this.split = split;
        this.validationBatches = Batches.of(split.validation(), VALIDATION_BATCH, space.classes());
    }

    @Override
    public TrainingResult train(TrainingRequest request, Consumer<EpochRecord> onEpoch) {
        List<EpochRecord> epochs = new ArrayList<>();
        ComputationGraph network = null;
        try {
            NetworkPlan plan = NetworkPlan.of(space, request.candidate());
            network = NetworkBuilder.build(plan, request.candidate().training(), request.seed());
            List<DataSet> batches = trainBatches.computeIfAbsent(request.candidate().training().batchSize(),
                    size -> Batches.of(split.train(), size, space.classes()));
            SplittableRandom order = new SplittableRandom(request.seed());
            long trainingNanos = 0;
            for (int epoch = 1; epoch <= request.epochs(); epoch++) {
                long start = System.nanoTime();
                double lossSum = 0;
                int[] visit = permutation(batches.size(), order);
                for (int b = 0; b < visit.length; b++) {
                    network.fit(batches.get(visit[b]));
                    double loss = network.score();
                    if (!Double.isFinite(loss)) {
                        return new Failed("diverged: loss " + loss + " in epoch " + epoch + " after " + (b + 1)
                                + " of " + visit.length + " batches", epochs);
                    }
                    lossSum += loss;
                }
                long trained = System.nanoTime();
                trainingNanos += trained - start;
                double accuracy = accuracy(network, validationBatches);
                EpochRecord record = new EpochRecord(epoch, lossSum / visit.length, accuracy,
                        (System.nanoTime() - start) / 1e9);
                epochs.add(record);
                onEpoch.accept(record);
            }
            double seconds = epochs.stream().mapToDouble(EpochRecord::seconds).sum();
            double imagesPerSecond = (double) split.train().size() * request.epochs() / (trainingNanos / 1e9);
            return new Trained(epochs, seconds, imagesPerSecond);
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

    /** Share of {@code batches} whose most probable class is the label. */
    static double accuracy(ComputationGraph network, List<DataSet> batches) {
        long correct = 0;
        long total = 0;
        for (DataSet batch : batches) {
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
