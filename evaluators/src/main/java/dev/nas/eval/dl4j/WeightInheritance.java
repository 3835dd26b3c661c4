package dev.nas.eval.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight inheritance: a child network starts from its parent's trained weights in every layer that has the same
 * name in both and parameters of the same shapes. Layer names follow the plan ({@code b2l0_dw}, {@code b2l0_dw_bn},
 * {@code head}, ...), so what a mutation keeps follows from what it changes:
 * <ul>
 *   <li>a training hyperparameter (learning rate, batch size, optimiser, weight decay, augmentation): every layer;</li>
 *   <li>a block's kernel: all but that block's depthwise (or full) convolutions;</li>
 *   <li>a block's expansion: all but that block's expanded layers (expansion, depthwise, squeeze-and-excitation,
 *   projection);</li>
 *   <li>a block's width: all but that block's layers and the first layer of the next (or the head), whose input
 *   width changed;</li>
 *   <li>a block's depth: the layers both have; an added layer starts fresh;</li>
 *   <li>a block's op, squeeze-and-excitation or skip: the layers of the same name and shape, e.g. the depthwise
 *   convolution when a {@code dwconv} becomes an {@code mbconv} of expansion 1 is new only in name.</li>
 * </ul>
 * Batch norm's running mean and variance are parameters in DL4J and come along with its scale and shift; the
 * optimiser's state does not: the child's optimiser starts afresh.
 */
final class WeightInheritance {

    private WeightInheritance() {
    }

    /** Copies {@code parent}'s parameters into {@code child}'s layers of unchanged shape; returns their names. */
    static List<String> copy(ComputationGraph parent, ComputationGraph child) {
        List<String> inherited = new ArrayList<>();
        for (Layer layer : child.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            Layer source = parent.getConfiguration().getVertices().containsKey(name) ? parent.getLayer(name) : null;
            Map<String, INDArray> params = layer.paramTable();
            if (source == null || params.isEmpty() || !sameShapes(source.paramTable(), params)) {
                continue;
            }
            source.paramTable().forEach((key, value) -> params.get(key).assign(value));
            inherited.add(name);
        }
        return inherited;
    }

    private static boolean sameShapes(Map<String, INDArray> a, Map<String, INDArray> b) {
        return a.keySet().equals(b.keySet())
                && a.keySet().stream().allMatch(key -> Arrays.equals(a.get(key).shape(), b.get(key).shape()));
    }
}
