package dev.nas.runs.app;

import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Batches;
import dev.nas.eval.dl4j.NetworkBuilder;
import dev.nas.eval.dl4j.ZeroCost;
import dev.nas.eval.table.TableRow;
import dev.nas.eval.table.TabularBenchmark;
import dev.nas.space.Candidate;
import dev.nas.space.FeatureMap;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Zero-cost proxies against trained accuracy: every candidate of a tabular benchmark built for real, freshly
 * initialised from {@code seed}, scored on one stratified batch of {@code batch} embedded images, beside the
 * accuracy the table says it reaches after its last epoch.
 */
public record ProxyBench(int batch, long seed) {

    /** One candidate's proxies, the time they took together, and its trained accuracy from the table. */
    public record Scores(Candidate candidate, double accuracy, long params, double naswot, double synflow,
                         double gradientNorm, double seconds) {
    }

    /** A proxy's name and how to read it from the scores. */
    public record Proxy(String name, ToDoubleFunction<Scores> value) {
    }

    /** The proxies the benchmark reports, parameters first: the baseline every proxy paper compares with. */
    public static final List<Proxy> PROXIES = List.of(new Proxy("params", s -> s.params()),
            new Proxy("naswot", Scores::naswot), new Proxy("synflow", Scores::synflow),
            new Proxy("grad_norm", Scores::gradientNorm));

    /** Scores every row of {@code table}, reporting each as it is done. */
    public List<Scores> run(SearchSpace space, TabularBenchmark table, Consumer<Scores> done) {
        ImageSet all = Dataset.embedded().train();
        ImageSet images = Split.stratified(all, (double) batch / all.size(), seed).validation();
        INDArray features = Batches.features(images, 0, images.size());
        INDArray labels = Nd4j.zeros(features.dataType(), images.size(), space.classes());
        for (int i = 0; i < images.size(); i++) {
            labels.putScalar(i, images.label(i), 1);
        }
        DataSet data = new DataSet(features, labels);
        FeatureMap input = space.input();
        List<Scores> scores = new ArrayList<>();
        for (TableRow row : table.rows()) {
            NetworkPlan plan = NetworkPlan.of(space, row.candidate());
            long start = System.nanoTime();
            ComputationGraph network = NetworkBuilder.build(plan, row.candidate().training(), space.training(), seed);
            double naswot;
            double gradientNorm;
            try {
                naswot = ZeroCost.naswot(network, features);
                gradientNorm = ZeroCost.gradientNorm(network, data);
            } finally {
                network.close();
            }
            ComputationGraph linearisable = NetworkBuilder.buildLinearisable(plan, seed);
            double synflow;
            try {
                synflow = ZeroCost.synflow(linearisable, 1, input.channels(), input.height(), input.width());
            } finally {
                linearisable.close();
            }
            Scores s = new Scores(row.candidate(), row.accuracy(), Cost.of(plan).params(), naswot, synflow,
                    gradientNorm, (System.nanoTime() - start) / 1e9);
            scores.add(s);
            done.accept(s);
        }
        return scores;
    }

    /** Spearman's rank correlation of {@code proxy} with the trained accuracy over {@code scores}. */
    public static double spearman(List<Scores> scores, Proxy proxy) {
        return new SpearmansCorrelation().correlation(scores.stream().mapToDouble(proxy.value()).toArray(),
                scores.stream().mapToDouble(Scores::accuracy).toArray());
    }
}
