package dev.nas.runs.app;

import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.study.ChannelStats;
import dev.nas.core.study.DataRef;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Checkpoints;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.eval.dl4j.Quantizer;
import dev.nas.eval.onnx.Int8Quantizer;
import dev.nas.eval.table.TableObjective;
import dev.nas.eval.table.TabularBenchmark;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.runs.latency.SearchLatency;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.space.Epochs;
import dev.nas.space.LatencySpec;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.SearchSpace;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * What trials are scored by: DL4J training on images with latency measured in the worker process or predicted for a
 * device, or a tabular benchmark. Everything is read and checked here, before the study database is touched; the
 * latency worker starts, and a device's lookup table is completed, only once the database is open.
 *
 * @param proxyImages what a zero-cost proxy may look at: the training images, or for a table the embedded ones if
 *                    they have the space's shape
 * @param trainImages images per training epoch; 0 for a table
 */
record Scoring(Evaluator evaluator, Function<SqlStorage, LatencyModel> latency, DataRef data, String description,
               Optional<ImageSet> proxyImages, int trainImages) {

    static Scoring of(SearchSettings settings, Epochs epochs, PrintStream out) {
        SearchSpace space = settings.space().space();
        Optional<Path> table = settings.table();
        return table.isPresent() ? table(table.get(), space, epochs, settings.tableTime()) : training(settings,
                space, out);
    }

    private static Scoring training(SearchSettings settings, SearchSpace space, PrintStream out) {
        Dataset data = settings.data().map(path -> Dataset.load(path, space.input(), settings.reading()))
                .orElseGet(Dataset::embedded)
                .checkFits(space.input(), space.classes());
        data.skipped().forEach(reason -> out.println("nas: skipped " + reason));
        Split split = data.split(settings.validation(), settings.seed());
        // Trained networks live where every worker reaches them: controllers continue from them, exports read them.
        Checkpoints checkpoints = new Checkpoints(settings.db().networks(settings.networks()));
        SearchLatency.check(space, DeviceProfile.DEFAULT_ROOT);
        // Where candidates are timed in int8, they are scored in int8 too: the front is over what would ship.
        Optional<Quantizer> quantizer = space.objective().latency().precision() == LatencySpec.Precision.INT8
                ? Optional.of(new Int8Quantizer(split.train(), split.validation())) : Optional.empty();
        // Computed afresh on resume, and equal to the stored statistics since the data's hash is.
        Optional<ChannelStats> normalization = Dl4jEvaluator.normalization(space, split);
        return new Scoring(new Dl4jEvaluator(space, split, normalization, Optional.of(checkpoints), quantizer),
                storage -> SearchLatency.open(settings.space(), DeviceProfile.DEFAULT_ROOT, storage, out),
                new DataRef.Images(data.description() + (data.validation().isPresent() ? ", its own validation "
                        + "images" : ", " + Math.round(settings.validation() * 100) + "% held out for validation"),
                        data.sha256(), data.classNames(), normalization),
                "data: " + data.description() + " (" + split.train().size() + " train / "
                        + split.validation().size() + " validation)", Optional.of(split.train()),
                split.train().size());
    }

    private static Scoring table(Path file, SearchSpace space, Epochs epochs, Duration epochTime) {
        TabularBenchmark table = TabularBenchmark.read(file, space);
        table.checkServes(epochs);
        ObjectiveSpec objective = table.objective(space);
        TableObjective scores = new TableObjective(table, epochTime);
        String sha256;
        try {
            sha256 = DigestUtils.sha256Hex(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Scoring(scores, storage -> scores, new DataRef.Table(file.toString(), sha256, table.timed()),
                "scores: tabular benchmark " + file + " (" + table.rows().size() + " candidates, no training)"
                        + (table.timed() ? "" : "; it has no latency_ms, so the front trades off "
                        + objective.pareto().stream().map(Objective::token)
                        .collect(Collectors.joining(" and ")) + " alone"), Prescreen.embeddedFor(space), 0);
    }
}
