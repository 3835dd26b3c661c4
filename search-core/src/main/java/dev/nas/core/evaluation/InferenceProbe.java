package dev.nas.core.evaluation;

import dev.nas.space.Candidate;
import dev.nas.space.plan.LayerSpec;

/**
 * Runs a candidate's network for latency measurement, without the caller knowing how it is built. The timing
 * protocol (warm-up, repeats, statistics) belongs to whoever calls {@link Inference#run()}.
 */
public interface InferenceProbe {

    /** The numeric backend networks run on, in words, for the record kept beside each latency. */
    String backend();

    /** The threads the backend runs one inference on, as it reports them. */
    int threads();

    /** Builds the candidate's network, ready for batch-1 inference. */
    Inference prepare(Candidate candidate);

    /** Builds one planned layer alone, as it is built inside a network, ready for batch-1 inference. */
    Inference prepare(LayerSpec layer);

    /** A built network and an input for it. */
    interface Inference extends AutoCloseable {

        /** One batch-1 forward pass. */
        void run();

        @Override
        void close();
    }
}
