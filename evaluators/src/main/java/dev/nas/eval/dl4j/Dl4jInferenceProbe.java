package dev.nas.eval.dl4j;

import dev.nas.core.evaluation.InferenceProbe;
import dev.nas.space.Candidate;
import dev.nas.space.FeatureMap;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.LayerSpec;
import dev.nas.space.plan.NetworkPlan;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch-1 inference of a candidate's DL4J network. The weights are freshly initialised: a network's speed does
 * not depend on what it has learnt, so latency can be measured without the trained model.
 */
public final class Dl4jInferenceProbe implements InferenceProbe {

    private final SearchSpace space;

    public Dl4jInferenceProbe(SearchSpace space) {
        this.space = space;
    }

    @Override
    public String backend() {
        return Nd4jSetup.backend();
    }

    @Override
    public int threads() {
        return Nd4j.getEnvironment().maxThreads();
    }

    @Override
    public Inference prepare(Candidate candidate) {
        return inference(NetworkBuilder.build(NetworkPlan.of(space, candidate), candidate.training(),
                space.training(), 0, NetworkBuilder.forTiming(space)), space.input());
    }

    @Override
    public Inference prepare(LayerSpec layer) {
        return inference(NetworkBuilder.buildLayer(layer, 0), layer.in());
    }

    private static Inference inference(ComputationGraph network, FeatureMap shape) {
        INDArray image = Nd4j.rand(DataType.FLOAT, 1, shape.channels(), shape.height(), shape.width());
        return new Inference() {
            @Override
            public void run() {
                network.outputSingle(false, image);
            }

            @Override
            public void close() {
                network.close();
            }
        };
    }
}
