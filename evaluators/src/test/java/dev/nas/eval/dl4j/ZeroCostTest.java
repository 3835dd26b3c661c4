package dev.nas.eval.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.NetworkPlan;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The proxies against values worked out by hand on a network of one hidden layer of three ReLUs. */
class ZeroCostTest {

    private static final double[][] W1 = {{1, -1, 0.5}, {1, 1, -1}};
    private static final double[][] W2 = {{0.5, -0.5}, {1, 0}, {-1, 2}};

    /** 2 inputs, 3 ReLUs (weights W1, no bias), 2 softmax outputs (weights W2, no bias). */
    private static ComputationGraph network() {
        ComputationGraph network = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(2))
                .addLayer("h", new DenseLayer.Builder().nIn(2).nOut(3).hasBias(false).activation(Activation.RELU)
                        .build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .hasBias(false).activation(Activation.SOFTMAX).build(), "h")
                .setOutputs("out").build());
        network.init();
        network.getLayer("h").setParam("W", Nd4j.create(W1));
        network.getLayer("out").setParam("W", Nd4j.create(W2));
        return network;
    }

    @Test
    void synflowIsEachLayersFlowOfTheSummedOutputsThroughPositiveWeights() {
        ComputationGraph linear = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(2))
                .addLayer("h", new DenseLayer.Builder().nIn(2).nOut(3).hasBias(false).activation(Activation.RELU)
                        .build(), "in")
                .addLayer("out", new OutputLayer.Builder(new SumOfOutputs()).nIn(3).nOut(2).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "h")
                .setOutputs("out").build());
        linear.init();
        linear.getLayer("h").setParam("W", Nd4j.create(W1));
        linear.getLayer("out").setParam("W", Nd4j.create(W2));
        // |W1| on ones gives hidden units 2, 2, 1.5; through |W2| the outputs 4.5 and 4, summing to 8.5. In a
        // network of positive weights and inputs each layer passes the whole sum on: 8.5 per layer.
        assertEquals(17, ZeroCost.synflow(linear, 1, 2), 1e-9);
    }

    @Test
    void aCandidateIsScoredOnItsOwnLayersAndSynflowSeesThemWithoutBatchNorm() {
        SearchSpace space = Spaces.shipped("bench");
        Candidate candidate = space.codec().sample(new SplittableRandom(4));
        NetworkPlan plan = NetworkPlan.of(space, candidate);
        ComputationGraph linearisable = NetworkBuilder.buildLinearisable(plan, 1);
        ComputationGraph trained = NetworkBuilder.build(plan, candidate.training(), space.training(), 1);
        assertEquals(0, batchNorms(linearisable));
        assertEquals(DataType.DOUBLE, linearisable.params().dataType());
        assertTrue(batchNorms(trained) > 0);
        assertEquals(trained.numParams() - 4 * batchNorms(trained), linearisable.numParams(),
                "the same weights, less each batch norm's four per channel");
        double synflow = ZeroCost.synflow(linearisable, 1, 1, 28, 28);
        ImageSet images = Dataset.embedded().train().head(16);
        double naswot = ZeroCost.naswot(trained, Batches.features(images, 0, 16));
        assertTrue(synflow > 0 && Double.isFinite(synflow) && Double.isFinite(naswot), synflow + ", " + naswot);
        linearisable.close();
        trained.close();
    }

    /** Channels over every batch norm of {@code network}. */
    private static long batchNorms(ComputationGraph network) {
        return Arrays.stream(network.getLayers()).filter(l -> l.conf().getLayer()
                instanceof BatchNormalization)
                .mapToLong(l -> l.numParams() / 4).sum();
    }

    @Test
    void naswotIsTheLogDeterminantOfTheImagesAgreementsOverTheReluUnits() {
        // Hidden pre-activations: (1, -1, 0.5), (1, 1, -1), (-2, 0, 0.5): codes 101, 110, 001 (0 is inactive).
        // Agreements: [[3, 1, 2], [1, 3, 0], [2, 0, 3]], whose determinant is 27 - 3 - 12 = 12.
        double score = ZeroCost.naswot(network(), Nd4j.create(new double[][] {{1, 0}, {0, 1}, {-1, -1}}));
        assertEquals(Math.log(12), score, 1e-9);
        assertEquals(Double.NEGATIVE_INFINITY, ZeroCost.naswot(network(), Nd4j.create(new double[][] {{1, 0},
                {2, 0}})), "two images every unit sees alike");
    }

    @Test
    void gradientNormSumsTheNormsOfTheWeightGradients() {
        double[] x = {1, 2};
        double[] hidden = new double[3];
        for (int j = 0; j < 3; j++) {
            hidden[j] = Math.max(0, x[0] * W1[0][j] + x[1] * W1[1][j]); // 3, 1, 0 (pre-activation -1.5)
        }
        double[] z = new double[2];
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                z[k] += hidden[j] * W2[j][k];
            }
        }
        double total = Math.exp(z[0]) + Math.exp(z[1]);
        double[] delta = {Math.exp(z[0]) / total - 1, Math.exp(z[1]) / total}; // softmax minus the label (class 0)
        double out = 0;
        double in = 0;
        for (int j = 0; j < 3; j++) {
            double back = 0;
            for (int k = 0; k < 2; k++) {
                out += Math.pow(hidden[j] * delta[k], 2);
                back += delta[k] * W2[j][k];
            }
            double pre = hidden[j] > 0 ? back : 0;
            for (int i = 0; i < 2; i++) {
                in += Math.pow(x[i] * pre, 2);
            }
        }
        DataSet one = new DataSet(Nd4j.create(new double[][] {x}), Nd4j.create(new double[][] {{1, 0}}));
        assertEquals(Math.sqrt(in) + Math.sqrt(out), ZeroCost.gradientNorm(network(), one), 1e-9);
    }
}
