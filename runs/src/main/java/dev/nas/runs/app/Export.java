package dev.nas.runs.app;

import dev.nas.core.scoring.Compression;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trial;
import dev.nas.eval.dl4j.Checkpoints;
import dev.nas.eval.onnx.Agreement;
import dev.nas.eval.onnx.OnnxExport;
import dev.nas.eval.onnx.OrtModel;
import dev.nas.runs.export.Manifest;
import dev.nas.runs.export.TrialExport;
import dev.nas.runs.output.Output;
import dev.nas.runs.storage.StudyAddress;
import dev.nas.runs.storage.StudySnapshot;
import dev.nas.space.BadInput;
import dev.nas.space.FeatureMap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Trials exported for deployment: the trained network (the search's own checkpoint, or the candidate trained again
 * from scratch), its architecture as a one-candidate space, its key and a manifest. Everything is checked before the
 * folder is written, and the folder is built beside its place and renamed into it whole.
 *
 * @param trial      the trial to export, or empty with {@code front} for every Pareto front member
 * @param baseline   the trial compression is measured against (default: the largest network)
 * @param retraining how to train the candidates again, or empty to export the search's networks
 * @param opset      the ONNX opset the models are written in
 * @param int8       whether to add each model's int8 quantization, scored and timed
 */
public record Export(StudyAddress study, OptionalInt trial, boolean front, Output out, OptionalInt baseline,
                     Optional<Retraining.Inputs> retraining, int opset, boolean int8) {

    public Export {
        if (trial.isPresent() == front) {
            throw new BadInput("give either --trial N or --front");
        }
        if (opset < OnnxExport.OPSET || opset > OnnxExport.NEWEST_OPSET) {
            throw new BadInput("--opset " + opset + ": models are written in ONNX opsets " + OnnxExport.OPSET + " to "
                    + OnnxExport.NEWEST_OPSET + " (" + OnnxExport.OPSET + " is the first with Softmax over one axis "
                    + "and per-channel quantization, " + OnnxExport.NEWEST_OPSET + " the newest ONNX Runtime "
                    + OrtModel.version() + " runs)");
        }
    }

    /** Exports; returns a line per trial exported. */
    public List<String> run(PrintStream progress) throws IOException {
        StudySnapshot stored = study.location().snapshot();
        StudySpec spec = stored.spec();
        List<Trial> trials = stored.trials();
        List<Trial> chosen = front ? spec.front(trials) : List.of(find(trials, trial.getAsInt()));
        if (chosen.isEmpty()) {
            throw new BadInput("the study has no Pareto front yet: no trial has completed at full "
                    + "fidelity");
        }
        Optional<Trial> base = Compression.baseline(trials, baseline);
        out.checkFolder();
        Checkpoints checkpoints = new Checkpoints(study.networks(Optional.ofNullable(
                stored.runOptions().get(SearchSettings.NETWORKS)).map(Path::of)));
        Optional<Retraining> again = retraining.map(inputs -> inputs.read(spec, stored.runOptions(), study));
        if (again.isEmpty()) {
            checkCheckpoints(spec, chosen, checkpoints);
        }
        TrialExport export = new TrialExport(stored.where(), spec, trials, stored.provenance(), base);
        CheckImages check = CheckImages.of(spec, stored.runOptions(), study);
        List<String> written = new ArrayList<>();
        out.writeFolder(building -> {
            for (Trial t : chosen) {
                Path directory = Files.createDirectories(front ? building.resolve("trial-" + t.number()) : building);
                Path model = directory.resolve(TrialExport.MODEL);
                Manifest.Retraining retrained = null;
                if (again.isEmpty()) {
                    checkpoints.copy(t.number(), spec.space(), t.candidate(), model);
                } else {
                    retrained = again.get().train(spec.space(), t, model, progress);
                }
                Manifest.Onnx onnx = onnx(t, model, check, opset, spec.data());
                Manifest.Int8 quantized = int8 ? Int8Export.write(directory, Files.readAllBytes(model
                        .resolveSibling(TrialExport.ONNX)), check, again.map(r -> r.test().train()),
                        base.map(b -> b.evaluation().orElseThrow().cost().params())) : null;
                Manifest manifest = export.write(t, directory, again.isEmpty() ? t.fidelity() : again.get().epochs(),
                        retrained, onnx, quantized);
                written.add("nas: trial " + t.number() + " -> " + out.path().resolve(building.relativize(directory))
                        .normalize() + ": " + summary(manifest));
            }
        });
        return written;
    }

    /**
     * Writes {@code model}'s ONNX model beside it, once ONNX Runtime has shown it gives DL4J's probabilities on the
     * check images; otherwise the export fails, saying by how much they differ, and nothing is written.
     */
    private static Manifest.Onnx onnx(Trial trial, Path model, CheckImages check, int opset, DataRef data)
            throws IOException {
        OnnxExport.Checked checked = OnnxExport.checkedFile(model, check.images(), opset);
        Agreement agreement = checked.agreement();
        if (!agreement.faithful()) {
            throw new IllegalStateException("the ONNX model of trial " + trial.number() + " does not give DL4J's "
                    + "probabilities " + agreement + "; nothing was exported");
        }
        Path file = model.resolveSibling(TrialExport.ONNX);
        Files.write(file, checked.model());
        FeatureMap input = check.images().shape();
        Optional<DataRef.Images> images = data instanceof DataRef.Images i ? Optional.of(i) : Optional.empty();
        return new Manifest.Onnx(opset, OnnxExport.INPUT, List.of("N", "" + input.channels(),
                "" + input.height(), "" + input.width()), "float32, NCHW, pixel values scaled from 0-255 to 0-1 "
                + "(value / 255), nothing else" + images.flatMap(DataRef.Images::normalization).map(stats -> ": the "
                + "model normalises each channel itself by the study's training images' " + stats).orElse(""),
                OnnxExport.OUTPUT + ": [N, classes] class probabilities (softmax)",
                images.map(DataRef.Images::classNames).orElse(List.of()), "ONNX Runtime " + OrtModel.version()
                + " (CPU)", check.description(), agreement.images(), agreement.maxAbsDifference(),
                agreement.sameClass(), DigestUtils.sha256Hex(checked.model()));
    }

    private static String summary(Manifest m) {
        String scores = String.format("validation accuracy %.1f%%, %s, %,d params", m.metrics()
                .validationAccuracy() * 100, m.latency() == null ? "no latency"
                : String.format("latency %.3f ms", m.latency().medianMs()), m.metrics().params());
        Manifest.Compression c = m.compression();
        String compression = c == null ? "" : String.format(", %.2fx smaller%s than trial %d", c.rate(),
                c.speedUp() == null ? "" : String.format(" and %.2fx faster", c.speedUp()), c.baselineTrial());
        String int8 = m.int8() == null ? "" : String.format("; int8: accuracy %+.1f points, %.2fx smaller, %s in "
                + "ONNX Runtime", m.int8().accuracyChange() * 100, 1 / m.int8().sizeRatio(), m.int8().speedUp() >= 1
                ? String.format("%.2fx faster", m.int8().speedUp()) : String.format("%.2fx slower",
                1 / m.int8().speedUp()));
        String model = m.retraining() == null ? "the search's network (" + m.model().epochs() + " epochs)"
                : String.format("retrained %d epochs, test accuracy %.1f%%", m.retraining().epochs(),
                m.retraining().testAccuracy() * 100);
        return model + "; " + scores + compression + int8;
    }

    private static Trial find(List<Trial> trials, int number) {
        if (number < 0) {
            throw new BadInput("--trial " + number + ": trials numbered below 0 are the study's warm start, another "
                    + "study's results, not trained in this one; export it from the study it came from (nas trials "
                    + "says which)");
        }
        Trial t = trials.stream().filter(x -> x.number() == number).findFirst().orElseThrow(() ->
                new BadInput("--trial: the study has no trial " + number + " (it has "
                        + (trials.isEmpty() ? "none" : "0 to " + (trials.size() - 1)) + ")"));
        if (t.evaluation().isEmpty()) {
            throw new BadInput("--trial: trial " + number + " did not complete (it is "
                    + t.state().name().toLowerCase(Locale.ROOT) + (t.outcome().orElse(null) instanceof Failed f
                    ? ": " + f.reason() : "") + "); there is no model to export");
        }
        return t;
    }

    /** Every checkpoint needed, before anything is written; a study scored from a table never trained any. */
    private static void checkCheckpoints(StudySpec spec, List<Trial> chosen, Checkpoints checkpoints) {
        if (spec.data() instanceof DataRef.Table table) {
            throw new BadInput("the study scored its candidates from a " + table.description()
                    + ": nothing was trained, so there are no weights to export. Add --retrain-epochs E to train "
                    + "the candidate now (on the embedded data, or --data PATH) and export that.");
        }
        List<String> missing = chosen.stream().filter(t -> !checkpoints.has(t.number()))
                .map(t -> checkpoints.describe(t.number())).toList();
        if (!missing.isEmpty()) {
            throw new BadInput("no trained network at " + String.join(", ", missing)
                    + " (searches keep one per trial beside the study database, in a server study's database, or in "
                    + "the folder given by --networks; was it moved or deleted?). Add "
                    + "--retrain-epochs E to train the candidate again from scratch and export that.");
        }
    }
}
