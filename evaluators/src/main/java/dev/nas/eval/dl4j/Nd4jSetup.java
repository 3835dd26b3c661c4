package dev.nas.eval.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;

/** The settings every network here is built with, and a description of the numeric backend they run on. */
final class Nd4jSetup {

    /**
     * DL4J reads this property each time it creates a layer and tries no oneDNN helper unless it is "false"
     * ({@code org.deeplearning4j.nn.layers.HelperUtils#createHelper}); the helpers also need the shim
     * {@link org.nd4j.nativeblas.Nd4jCpu}.
     */
    private static final String HELPERS_DISABLED = "org.eclipse.deeplearning4j.helpers.disable";

    private Nd4jSetup() {
    }

    /** Lets DL4J use oneDNN for convolution and batch norm, unless the user decided otherwise with the property. */
    static void configure() {
        if (System.getProperty(HELPERS_DISABLED) == null) {
            System.setProperty(HELPERS_DISABLED, "false");
        }
    }

    /** True when DL4J will give convolution and batch-norm layers a oneDNN helper, by its own two checks. */
    static boolean helpersEnabled() {
        return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLED, "true")) && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /** E.g. "nd4j-native 1.0.0-M2.1 linux-x86_64-onednn, oneDNN helpers on, OPENBLAS". */
    static String backend() {
        configure();
        Properties built = new Properties();
        try (InputStream in = Nd4jSetup.class.getResourceAsStream("backend.properties")) {
            if (in != null) {
                built.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object blas = Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor");
        return "nd4j-native " + built.getProperty("dl4j.version", "?") + " " + built.getProperty("nd4j.classifier", "?")
                + ", oneDNN helpers " + (helpersEnabled() ? "on" : "off") + ", " + blas;
    }
}
