package dev.nas.eval.dl4j;

import dev.nas.core.study.ChannelStats;
import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Per-channel normalisation as the first step of a network, {@code x * scale + shift} with {@code scale = 1 / std}
 * and {@code shift = -mean / std}: kept in the network's configuration, so a checkpoint, an export and a retrained
 * network carry the very numbers the candidate trained with, and the ONNX model does the same two operations in
 * float32. DL4J serialises a preprocessor by its class name and fields (its configurations' JSON), which is why this
 * one has a creator and plain arrays.
 */
public final class ChannelNormalization implements InputPreProcessor {

    @JsonProperty("scale")
    private final float[] scale;
    @JsonProperty("shift")
    private final float[] shift;
    private transient INDArray scaleArray;
    private transient INDArray shiftArray;

    @JsonCreator
    ChannelNormalization(@JsonProperty("scale") float[] scale, @JsonProperty("shift") float[] shift) {
        this.scale = scale.clone();
        this.shift = shift.clone();
    }

    /** The normalisation by {@code stats}. */
    public static ChannelNormalization of(ChannelStats stats) {
        float[] scale = new float[stats.channels()];
        float[] shift = new float[stats.channels()];
        for (int c = 0; c < scale.length; c++) {
            scale[c] = (float) (1 / stats.std().get(c));
            shift[c] = (float) (-stats.mean().get(c) / stats.std().get(c));
        }
        return new ChannelNormalization(scale, shift);
    }

    /** What each channel is multiplied by. */
    public float[] scale() {
        return scale.clone();
    }

    /** What is added to each channel after scaling. */
    public float[] shift() {
        return shift.clone();
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        Broadcast.mul(input, scaleArray(), out, 1);
        Broadcast.add(out, shiftArray(), out, 1);
        return out;
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, output.dataType(), output.shape(),
                'c');
        return Broadcast.mul(output, scaleArray(), out, 1);
    }

    /** Created outside any workspace: the arrays outlive the pass that first needs them. */
    private INDArray scaleArray() {
        if (scaleArray == null) {
            try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                scaleArray = Nd4j.createFromArray(scale);
            }
        }
        return scaleArray;
    }

    private INDArray shiftArray() {
        if (shiftArray == null) {
            try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                shiftArray = Nd4j.createFromArray(shift);
            }
        }
        return shiftArray;
    }

    @Override
    public ChannelNormalization clone() {
        return new ChannelNormalization(scale, shift);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return inputType;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelNormalization n && Arrays.equals(scale, n.scale)
                && Arrays.equals(shift, n.shift);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(scale) + Arrays.hashCode(shift);
    }
}
