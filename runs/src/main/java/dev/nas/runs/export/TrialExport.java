package dev.nas.runs.export;

import dev.nas.core.scoring.Compression;
import dev.nas.core.scoring.Reward;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Trial;
import dev.nas.runs.Version;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.space.Epochs;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Writes what goes beside an exported model ({@value #MODEL}, put in the directory first): the architecture as a
 * standalone one-candidate space ({@value #ARCHITECTURE}), the candidate key ({@value #KEY}) and the manifest
 * ({@value #MANIFEST}).
 *
 * <pre>{@code
 * new TrialExport(database, spec, trials, provenance, baseline).write(trial, directory, epochs, null, onnx, null);
 * }</pre>
 *
 * @param baseline the trial compression is measured against
 */
public record TrialExport(String database, StudySpec spec, List<Trial> trials, SqlStorage.Provenance provenance,
                          Optional<Trial> baseline) {

    public static final String MODEL = "model.zip";
    public static final String ONNX = "model.onnx";
    public static final String INT8 = "model-int8.onnx";
    public static final String ARCHITECTURE = "architecture.yaml";
    public static final String KEY = "candidate.key";
    public static final String MANIFEST = "manifest.json";

    public TrialExport {
        trials = List.copyOf(trials);
    }

    /**
     * Writes the files of {@code trial} beside {@code directory}'s model, which was trained for {@code epochs}
     * epochs: by the search, or again from scratch as {@code retraining} (null for the search's own network).
     */
    public Manifest write(Trial trial, Path directory, int epochs, Manifest.Retraining retraining,
                          Manifest.Onnx onnx, Manifest.Int8 int8) {
        Evaluation e = trial.evaluation().orElseThrow(() -> new IllegalArgumentException("trial " + trial.number()
                + " has not completed"));
        SearchSpace s = spec.space();
        SearchSpace one = new SearchSpace(s.name() + "-trial-" + trial.number(), s.input(), s.classes(), s.stem(),
                s.blocks(), s.head(), s.training(), s.objective()).only(trial.candidate(), Epochs.fixed(epochs));
        String header = String.format("# Trial %d of the study %s (space %s, %s search, seed %d), exported by nas %s."
                        + "\n# One candidate: every choice fixed. Its key: %s\n", trial.number(), database, s.name(),
                spec.controller().describe(), spec.seed(), Version.nas(), trial.candidate().key());
        write(directory.resolve(ARCHITECTURE), header + SpaceWriter.write(one));
        write(directory.resolve(KEY), trial.candidate().key() + "\n");
        Manifest manifest = manifest(trial, e, epochs, retraining, directory.resolve(MODEL), onnx,
                int8);
        try {
            write(directory.resolve(MANIFEST), Manifest.JSON.writeValueAsString(manifest) + "\n");
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return manifest;
    }

    private Manifest manifest(Trial trial, Evaluation e, int epochs, Manifest.Retraining retraining, Path model,
                              Manifest.Onnx onnx, Manifest.Int8 int8) {
        var objective = spec.objective();
        var latency = e.latency();
        var conditions = latency.conditions();
        Optional<Compression> compression = baseline.map(b -> Compression.of(b, trial));
        return new Manifest(trial.number(), trial.candidate().key(),
                List.of(trial.candidate().describe().split("\n")),
                new Manifest.Files(MODEL, ONNX, int8 == null ? null : INT8, ARCHITECTURE, KEY, MANIFEST),
                new Manifest.Model("DL4J ComputationGraph zip (ModelSerializer, with optimiser state)",
                        retraining == null ? "the search's checkpoint of trial " + trial.number()
                                : "retrained from scratch for deployment", epochs,
                        List.of(spec.space().input().channels(), spec.space().input().height(),
                                spec.space().input().width()), spec.space().classes(), e.cost().params(),
                        sha256(model)),
                onnx,
                int8,
                new Manifest.Metrics(e.accuracy(), e.epochs().stream().map(EpochRecord::validationAccuracy).toList(),
                        Reward.of(objective, e.scores()), Reward.feasible(objective, e.scores()),
                        objective.targetLatencyMs().isPresent() ? objective.targetLatencyMs().getAsDouble() : null,
                        e.cost().params(), e.cost().macs(), e.trainSeconds()),
                latency.known() ? new Manifest.Latency(latency.medianMs(), latency.spreadMs(), "interquartile range",
                        latency.runs(), latency.source().name().toLowerCase(Locale.ROOT), conditions.device(),
                        conditions.threads(), conditions.cpu(), conditions.jvm(), conditions.backend()) : null,
                compression.map(c -> {
                    Evaluation b = baseline.orElseThrow().evaluation().orElseThrow();
                    return new Manifest.Compression(c.baseline(), b.cost().params(), b.latency().median().orElse(null),
                            c.rate(), c.spaceSaving(), Double.isNaN(c.speedUp()) ? null : c.speedUp());
                }).orElse(null),
                retraining,
                new Manifest.Seeds(spec.seed(), trial.seed()),
                new Manifest.Data(spec.data().description(), spec.data().sha256()),
                new Manifest.Study(database, spec.name(), spec.space().name(), spec.spaceOrigin(),
                        spec.controller().describe(),
                        spec.epochs().toString(), spec.budget(), spec.spent(trials)),
                new Manifest.Versions(Version.nas(), provenance.nasVersion(),
                        Version.library("org.deeplearning4j", "deeplearning4j-nn"),
                        Version.library("org.nd4j", "nd4j-api"), "Java " + Runtime.version(),
                        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                                + System.getProperty("os.arch")),
                Instant.now().toString());
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return DigestUtils.sha256Hex(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
