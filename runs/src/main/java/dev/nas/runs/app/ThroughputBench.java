package dev.nas.runs.app;

import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.runs.latency.WorkerLatency;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.yaml.SpaceSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Training throughput and batch-1 latency of networks sampled from a space: each network trained for one epoch
 * {@code repeats} times on {@code images} embedded images (the median counts), then timed in the latency worker.
 */
public record ThroughputBench(int networks, int images, int repeats, long seed) {

    /** One network's figures. */
    public record Network(int number, int layers, Cost cost, double imagesPerSecond, Latency latency, String key) {
    }

    /** Measures every network of {@code source}, reporting each as it is done. */
    public List<Network> run(SpaceSource source, Consumer<Network> done) {
        SearchSpace space = source.space();
        Split split = Split.stratified(Dataset.embedded().train().head(images + 500), 500.0 / (images + 500), seed);
        Dl4jEvaluator evaluator = new Dl4jEvaluator(space, split);
        SplittableRandom random = new SplittableRandom(seed);
        List<Network> measured = new ArrayList<>();
        try (WorkerLatency worker = new WorkerLatency(source)) {
            for (int n = 0; n < networks; n++) {
                Candidate candidate = space.codec().sample(random);
                double[] runs = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    TrainingResult result = evaluator.train(new TrainingRequest(n, candidate, 1, seed + r), e -> { },
                            () -> false);
                    runs[r] = result instanceof Trained trained ? trained.imagesPerSecond() : Double.NaN;
                }
                NetworkPlan plan = NetworkPlan.of(space, candidate);
                Network network = new Network(n, plan.layers().size(), Cost.of(plan), median(runs),
                        worker.latency(candidate), candidate.key());
                measured.add(network);
                done.accept(network);
            }
        }
        return measured;
    }

    public static double median(double[] values) {
        return new Median().evaluate(values);
    }
}
