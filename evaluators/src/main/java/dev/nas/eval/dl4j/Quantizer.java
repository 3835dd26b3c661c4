package dev.nas.eval.dl4j;

import dev.nas.core.trial.Quantized;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Quantizes a trained network as it will ship and scores it, once training has ended: what a study records where its
 * networks are judged in int8. Implemented outside this package, by the engine the quantized model runs in.
 */
public interface Quantizer {

    /** {@code network}'s quantized model: its validation accuracy and size. */
    Quantized quantize(ComputationGraph network);
}
