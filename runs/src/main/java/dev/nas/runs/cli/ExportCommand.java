package dev.nas.runs.cli;

import dev.nas.eval.onnx.OnnxExport;
import dev.nas.runs.app.Export;
import dev.nas.runs.app.Retraining;
import dev.nas.runs.output.Output;
import dev.nas.space.BadInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Exports trials for deployment: the trained network as a DL4J model zip, its architecture as a one-candidate
 * space, its key and a manifest. The network is the search's own (its checkpoint), or, with --retrain-epochs, the
 * candidate trained again from scratch on every training image and then scored once on the test images: the only
 * place nas reads a test set.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Exports a trial (or every Pareto front member) for deployment: model.zip (a DL4J model, loads",
            "with ModelSerializer alone), architecture.yaml (a one-candidate space nas reads back), candidate.key and",
            "manifest.json (metrics, latency and how it was measured, compression, seeds, data, versions), model.onnx",
            "(checked against DL4J in ONNX Runtime) and, with --int8, model-int8.onnx."})
final class ExportCommand implements Callable<Integer> {

    @Mixin
    StudyOption study;

    @Option(names = "--trial", paramLabel = "N", description = "The trial to export.")
    Integer trial;

    @Option(names = "--front", description = "Export every Pareto front member, each in DIR/trial-N.")
    boolean front;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Directory to write; it must not exist or be empty.")
    Path out;

    @Option(names = "--force", description = "Replace DIR if it holds an earlier export.")
    boolean force;

    @Option(names = "--baseline", paramLabel = "N",
            description = "Trial to measure compression and speed-up against (default: the largest network).")
    Integer baseline;

    @Option(names = "--opset", paramLabel = "N", defaultValue = "" + OnnxExport.OPSET,
            description = "ONNX opset of the models, " + OnnxExport.OPSET + " to " + OnnxExport.NEWEST_OPSET
                    + " (default: ${DEFAULT-VALUE}, which ONNX Runtime reads since 1.7).")
    int opset;

    @Option(names = "--int8",
            description = "Also write model-int8.onnx: the ONNX model quantized to int8 (QDQ), with its accuracy, "
                    + "size and ONNX Runtime latency against the fp32 model in the manifest.")
    boolean int8;

    @Option(names = "--retrain-epochs", paramLabel = "E",
            description = "Train the candidate again from scratch on every training image for E epochs, and report "
                    + "its accuracy on the test images.")
    Integer retrainEpochs;

    @Option(names = "--data", paramLabel = "PATH",
            description = "With --retrain-epochs: the study's training data (default: the embedded subset); its "
                    + "SHA-256 must be the study's.")
    Path data;

    @Option(names = "--test", paramLabel = "PATH",
            description = "With --retrain-epochs: test images (default: the t10k IDX files beside --data, or the "
                    + "embedded test subset).")
    Path test;

    @Override
    public Integer call() throws IOException {
        if (retrainEpochs == null && (data != null || test != null)) {
            throw new BadInput("--data and --test are for --retrain-epochs");
        }
        Export export = new Export(study.address(),
                trial == null ? OptionalInt.empty() : OptionalInt.of(trial), front, new Output("--out", out, force),
                baseline == null ? OptionalInt.empty() : OptionalInt.of(baseline),
                Optional.ofNullable(retrainEpochs).map(epochs -> new Retraining.Inputs(epochs,
                        Optional.ofNullable(data), Optional.ofNullable(test))), opset, int8);
        try {
            export.run(System.out).forEach(System.out::println);
            return Main.DONE;
        } catch (Retraining.Failure e) {
            System.err.println("nas: " + e.getMessage() + "; nothing was exported");
            return Main.STOPPED;
        }
    }
}
