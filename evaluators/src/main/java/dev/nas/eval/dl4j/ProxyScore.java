package dev.nas.eval.dl4j;

import dev.nas.eval.data.ImageSet;
import dev.nas.eval.data.Split;
import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.FeatureMap;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A zero-cost proxy of a space's candidates, each architecture scored once on the same batch of images by a network
 * initialised from the same seed; higher is better. Proxies look at the untrained network only, so candidates that
 * differ in their training hyperparameters alone share a score.
 */
public final class ProxyScore implements ToDoubleFunction<Candidate> {

    /** The proxies there are, by the names the command line takes. */
    public enum Kind {
        NASWOT("naswot"), SYNFLOW("synflow"), GRAD_NORM("grad_norm"), PARAMS("params");

        private final String token;

        Kind(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        /** The proxy named {@code token}. */
        public static Kind of(String token) {
            return Arrays.stream(values()).filter(k -> k.token.equals(token)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown proxy '" + token + "' (expected " + String.join(", ",
                            Arrays.stream(values()).map(Kind::token).toList()) + ")"));
        }
    }

    private final SearchSpace space;
    private final Kind kind;
    private final DataSet batch;
    private final long seed;
    private final Map<List<BlockChoice>, Double> scores = new HashMap<>();

    /** Scores by {@code kind} on {@code images} (a few dozen: one batch), networks initialised from {@code seed}. */
    public ProxyScore(SearchSpace space, Kind kind, ImageSet images, long seed) {
        this.space = space;
        this.kind = kind;
        this.seed = seed;
        INDArray features = Batches.features(images, 0, images.size());
        INDArray labels = Nd4j.zeros(features.dataType(), images.size(), space.classes());
        for (int i = 0; i < images.size(); i++) {
            labels.putScalar(i, images.label(i), 1);
        }
        this.batch = new DataSet(features, labels);
    }

    /** {@code count} of {@code images}, the same share of each class, drawn by {@code seed}: a proxy's batch. */
    public static ImageSet sample(ImageSet images, int count, long seed) {
        return Split.stratified(images, (double) count / images.size(), seed).validation();
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public double applyAsDouble(Candidate candidate) {
        return scores.computeIfAbsent(candidate.blocks(), blocks -> score(candidate));
    }

    private double score(Candidate candidate) {
        NetworkPlan plan = NetworkPlan.of(space, candidate);
        if (kind == Kind.PARAMS) {
            return Cost.of(plan).params();
        }
        if (kind == Kind.SYNFLOW) {
            FeatureMap input = space.input();
            ComputationGraph network = NetworkBuilder.buildLinearisable(plan, seed);
            try {
                return ZeroCost.synflow(network, 1, input.channels(), input.height(), input.width());
            } finally {
                network.close();
            }
        }
        ComputationGraph network = NetworkBuilder.build(plan, candidate.training(), space.training(), seed);
        try {
            return kind == Kind.NASWOT ? ZeroCost.naswot(network, batch.getFeatures())
                    : ZeroCost.gradientNorm(network, batch);
        } finally {
            network.close();
        }
    }
}
