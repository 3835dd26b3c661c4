package dev.nas.runs.app;

import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.storage.FolderNetworks;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Checkpoints;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.eval.onnx.Agreement;
import dev.nas.eval.onnx.Int8Quantization;
import dev.nas.eval.onnx.OnnxExport;
import dev.nas.runs.export.Manifest;
import dev.nas.runs.latency.WorkerLatency;
import dev.nas.space.BadInput;
import dev.nas.space.Candidate;
import dev.nas.space.LatencySpec;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.yaml.SpaceSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.commons.io.file.PathUtils;

/**
 * The engine a model ships on against the one it was searched with, for networks sampled from a space: each is
 * trained {@code epochs} epochs on {@code images} embedded images, exported to ONNX (checked against DL4J on the
 * validation images), quantized to int8 as {@code nas export --int8} does, and timed at batch 1 on one thread in
 * DL4J (the latency worker, as a search measures) and in ONNX Runtime fp32 and int8 (int8 paced by fp32, in one
 * sitting). The int8 model's accuracy is scored beside the fp32 model's on the same validation images.
 */
public record EngineBench(int networks, int images, int epochs, long seed) {

    private static final int VALIDATION = 1000;

    public EngineBench {
        if (networks < 2 || images < 100 || epochs < 1) {
            throw new BadInput("bench engines needs --networks 2 or more, --images 100 or more and --epochs 1 or "
                    + "more");
        }
    }

    /** One network's figures; {@code int8} holds its ONNX Runtime latencies, accuracies and sizes. */
    public record Network(int number, String key, Cost cost, Latency dl4j, Agreement onnx, Manifest.Int8 int8) {
    }

    /** Trains, exports, quantizes and times every network, reporting each as it is done. */
    public List<Network> run(SpaceSource source, Consumer<Network> done) {
        SearchSpace space = source.space();
        if (space.objective().latency().source() != LatencySpec.Source.MEASURED) {
            throw new BadInput(source.origin() + ": bench engines times DL4J in the latency worker; give a space "
                    + "whose latency is measured (objective.latency.source: measured, the default)");
        }
        Split split = Split.stratified(Dataset.embedded().train().head(images + VALIDATION),
                (double) VALIDATION / (images + VALIDATION), seed);
        ImageSet calibration = split.train().head(Int8Quantization.CALIBRATION_IMAGES);
        CheckImages check = new CheckImages(split.validation(), split.validation().size() + " validation images",
                calibration, calibration.size() + " training images");
        Path scratch = scratch();
        try (WorkerLatency worker = new WorkerLatency(source)) {
            Checkpoints trained = new Checkpoints(new FolderNetworks(scratch));
            Dl4jEvaluator evaluator = new Dl4jEvaluator(space, split, Optional.of(trained));
            SplittableRandom random = new SplittableRandom(seed);
            List<Network> measured = new ArrayList<>();
            for (int n = 0; n < networks; n++) {
                Candidate candidate = space.codec().sample(random);
                TrainingResult result = evaluator.train(new TrainingRequest(n, candidate, epochs, seed + n), e -> { },
                        () -> false);
                if (!(result instanceof Trained)) {
                    throw new IllegalStateException("network " + n + " (" + candidate.key() + ") did not train: "
                            + result);
                }
                Path model = scratch.resolve("network-" + n + ".zip");
                trained.copy(n, space, candidate, model);
                OnnxExport.Checked onnx = OnnxExport.checkedFile(model, check.images(), OnnxExport.OPSET);
                Path folder = Files.createDirectories(scratch.resolve("network-" + n));
                Manifest.Int8 int8 = Int8Export.write(folder, onnx.model(), check, Optional.empty(),
                        Optional.empty());
                Network network = new Network(n, candidate.key(), Cost.of(NetworkPlan.of(space, candidate)),
                        worker.latency(candidate), onnx.agreement(), int8);
                measured.add(network);
                done.accept(network);
            }
            return measured;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(scratch);
        }
    }

    private static Path scratch() {
        try {
            return Files.createTempDirectory("nas-engines-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder for the networks", e);
        }
    }

    private static void delete(Path folder) {
        try {
            PathUtils.deleteDirectory(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the scratch folder " + folder, e);
        }
    }
}
