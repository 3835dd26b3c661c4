package dev.nas.eval.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The ND4J settings every network here is built and run with. */
final class Nd4jSetup {

    private Nd4jSetup() {
    }

    static void configure() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /** ND4J's backend and the native library variant it loaded, e.g. "CpuBackend linux-x86_64-onednn". */
    static String backend() {
        var environment = Nd4j.getExecutioner().getEnvironmentInformation();
        return Nd4j.getBackend().getClass().getSimpleName() + " " + environment.getOrDefault("cpu.blas.vendor", "")
                + " " + environment.getOrDefault("blas.vendor", "");
    }
}
