package dev.nas.eval.dl4j;

import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Zero-cost proxies: what an untrained network's response to one mini-batch says about how well it will train,
 * for judging candidates before training them (Abdelfattah et al., "Zero-Cost Proxies for Lightweight NAS", 2021).
 * Each works on any graph; the network is used as it is, so give a freshly initialised, disposable one.
 */
public final class ZeroCost {

    private ZeroCost() {
    }

    /**
     * NASWOT (Mellor et al., "Neural Architecture Search without Training", 2021): {@code log |det K|} where
     * {@code K[i][j]} counts the ReLU units on which images {@code i} and {@code j} of the batch agree, both active
     * or both inactive, in a training-mode forward pass (batch norm on the batch's statistics). Networks that tell
     * the images apart score higher; {@code -Infinity} if two images look alike to every unit.
     */
    public static double naswot(ComputationGraph network, INDArray features) {
        int n = (int) features.size(0);
        double[][] agreement = new double[n][n];
        Map<String, INDArray> activations = network.feedForward(features, true);
        for (Map.Entry<String, GraphVertex> vertex : network.getConfiguration().getVertices().entrySet()) {
            if (!isRelu(vertex.getValue())) {
                continue;
            }
            INDArray codes = activations.get(vertex.getKey()).reshape(n, -1).gt(0).castTo(DataType.DOUBLE);
            INDArray inverse = codes.rsub(1.0);
            INDArray same = codes.mmul(codes.transpose()).addi(inverse.mmul(inverse.transpose()));
            double[][] counts = same.toDoubleMatrix();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    agreement[i][j] += counts[i][j];
                }
            }
        }
        return logAbsDeterminant(new Array2DRowRealMatrix(agreement, false));
    }

    /**
     * Gradient norm: the sum over convolution and dense layers of the Euclidean norm of the loss's gradient with
     * respect to their weights, on one labelled batch; the gradient is DL4J's, summed over the batch (its updater
     * divides by the batch size later), which scales every candidate's score alike.
     */
    public static double gradientNorm(ComputationGraph network, DataSet batch) {
        network.setInputs(batch.getFeatures());
        network.setLabels(batch.getLabels());
        network.computeGradientAndScore();
        double sum = 0;
        for (Map.Entry<String, INDArray> gradient : network.gradient().gradientForVariable().entrySet()) {
            if (gradient.getKey().endsWith("_W")) {
                sum += gradient.getValue().norm2Number().doubleValue();
            }
        }
        return sum;
    }

    /**
     * Synflow (Tanaka et al., "Pruning neural networks without any data by iteratively conserving synaptic flow",
     * 2020): with every weight made positive, the gradient of the sum of the outputs for one input of ones, times
     * the weights, summed over convolution and dense weights. Give it a network of
     * {@link NetworkBuilder#buildLinearisable} (double precision, no batch norm, {@link SumOfOutputs} as its loss),
     * whose weights it changes; {@code shape} is one input's, batch of 1 first.
     */
    public static double synflow(ComputationGraph network, long... shape) {
        Transforms.abs(network.params(), false);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, shape);
        network.setInputs(ones);
        network.setLabels(network.outputSingle(false, ones).ulike());
        network.computeGradientAndScore();
        double sum = 0;
        for (Map.Entry<String, INDArray> gradient : network.gradient().gradientForVariable().entrySet()) {
            if (gradient.getKey().endsWith("_W")) {
                sum += Transforms.abs(network.getParam(gradient.getKey()).mul(gradient.getValue()), false)
                        .sumNumber().doubleValue();
            }
        }
        return sum;
    }

    private static boolean isRelu(GraphVertex vertex) {
        if (!(vertex instanceof LayerVertex layerVertex)) {
            return false;
        }
        Layer layer = layerVertex.getLayerConf().getLayer();
        IActivation activation = layer instanceof ActivationLayer a ? a.getActivationFn()
                : layer instanceof BaseLayer b ? b.getActivationFn() : null;
        return activation instanceof ActivationReLU;
    }

    /** {@code log |det m|} from its LU factors, which stays finite where the determinant itself overflows. */
    static double logAbsDeterminant(RealMatrix m) {
        LUDecomposition lu = new LUDecomposition(m, 0);
        if (!lu.getSolver().isNonSingular()) {
            return Double.NEGATIVE_INFINITY;
        }
        RealMatrix u = lu.getU();
        double sum = 0;
        for (int i = 0; i < m.getRowDimension(); i++) {
            sum += Math.log(Math.abs(u.getEntry(i, i)));
        }
        return sum;
    }
}
