package dev.nas.runs.cli;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.PredictionReport;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.device.LatencySheet;
import dev.nas.latency.lut.FittedTable;
import dev.nas.latency.lut.LayerKey;
import dev.nas.latency.lut.LookupTable;
import dev.nas.latency.predictor.HoldOut;
import dev.nas.latency.predictor.LatencyPredictor;
import dev.nas.latency.predictor.PredictorTraining;
import dev.nas.runs.export.Format;
import dev.nas.runs.export.Table;
import dev.nas.runs.latency.SearchLatency;
import dev.nas.runs.latency.WorkerLatency;
import dev.nas.runs.output.Output;
import dev.nas.runs.storage.H2StudyLocation;
import dev.nas.runs.storage.LatencyLookup;
import dev.nas.runs.storage.StudyFiles;
import dev.nas.space.LatencySpec;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.yaml.SpaceLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nas latency}: lookup tables, learned predictors and device profiles. */
@Command(name = "latency", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Latency without measuring every candidate: per-layer lookup tables and learned predictors.",
            "Kept per device in devices/NAME/; a search uses them when its space says so under objective:",
            "  latency: {source: lut, device: local}",
            "  latency: {source: predictor, device: pi4}"},
        subcommands = {LatencyCommand.Sample.class, LatencyCommand.Measure.class, LatencyCommand.Profile.class,
            LatencyCommand.Import.class, LatencyCommand.Train.class, LatencyCommand.Eval.class,
            LatencyCommand.TableOut.class, LatencyBenchCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  java -jar nas.jar latency profile --space spaces/mobile.yaml",
            "  java -jar nas.jar latency measure --space spaces/mobile.yaml --n 200",
            "  java -jar nas.jar latency train --space spaces/mobile.yaml",
            "  java -jar nas.jar latency sample --space spaces/mobile.yaml --n 200 --out pi4.csv",
            "  java -jar nas.jar latency import --space spaces/mobile.yaml --device pi4 --csv pi4.csv",
            "  java -jar nas.jar latency bench --space spaces/mobile.yaml --n 200"})
final class LatencyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new IllegalArgumentException("give a subcommand: sample, measure, profile, import, train, eval, table "
                + "or bench (see nas latency --help)");
    }

    /** The {@code --space} option: the space's YAML, read and checked. */
    static final class SpaceOption {

        @Option(names = "--space", paramLabel = "FILE", required = true, description = "The search space, in YAML.")
        Path file;

        private String yaml;
        private SearchSpace space;

        String yaml() {
            if (yaml == null) {
                try {
                    yaml = Files.readString(file, StandardCharsets.UTF_8);
                } catch (NoSuchFileException e) {
                    throw new IllegalArgumentException("no space file at " + file);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read the space file " + file + ": " + e.getMessage());
                }
            }
            return yaml;
        }

        SearchSpace space() {
            if (space == null) {
                space = SpaceLoader.parse(yaml(), file.toString());
            }
            return space;
        }

        WorkerLatency worker() {
            return new WorkerLatency(yaml(), file.toString());
        }
    }

    /** The {@code --device} and {@code --devices} options: which device profile, and where profiles live. */
    static final class DeviceOption {

        @Option(names = "--device", paramLabel = "NAME", defaultValue = LatencySpec.LOCAL,
                description = "The device: its profile is DEVICES/NAME/ (default: ${DEFAULT-VALUE}, this machine).")
        String name;

        @Option(names = "--devices", paramLabel = "DIR", defaultValue = "devices",
                description = "Where device profiles live (default: ${DEFAULT-VALUE}, as searches look for them).")
        Path root;

        DeviceProfile profile() {
            return DeviceProfile.at(root, name);
        }
    }

    static final List<String> REPORT_COLUMNS = List.of("latency", "networks", "rmse_ms", "mape_percent",
            "within_5_percent", "within_10_percent", "kendall_tau");

    static List<Object> reportRow(String source, PredictionReport report) {
        return Table.row(source, report.n(), report.rmseMs(), 100 * report.mape(), 100 * report.within5(),
                100 * report.within10(), report.kendallTau());
    }

    @Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Writes a sheet of candidates to measure on another device.",
                "A CSV file of candidate keys with an empty latency_ms column: fill it in (batch-1 latency in ms)",
                "on the device and import it."})
    static final class Sample implements Callable<Integer> {

        @Mixin
        SpaceOption space;

        @Option(names = "--n", paramLabel = "N", defaultValue = "200",
                description = "Candidates, each a different architecture (default: ${DEFAULT-VALUE}).")
        int n;

        @Option(names = "--out", paramLabel = "CSV", required = true, description = "The sheet to write.")
        Path out;

        @Option(names = "--force", description = "Replace the sheet if it exists.")
        boolean force;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Sampling seed.")
        long seed;

        @Override
        public Integer call() throws IOException {
            if (n < 1) {
                throw new IllegalArgumentException("--n must be positive, got " + n);
            }
            Output sheet = new Output("--out", out, force);
            sheet.checkFile();
            String text = LatencySheet.text(List.of(
                    n + " candidates of " + space.file + " (seed " + seed + "), made " + Instant.now(),
                    "Measure each network's batch-1 inference latency on the device, in milliseconds (the median of",
                    "repeated runs after warm-up), fill in latency_ms, and import the sheet:",
                    "  java -jar nas.jar latency import --space " + space.file + " --device NAME --csv " + out),
                    LatencySheet.sample(space.space(), n, seed));
            sheet.writeFile(o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
            System.out.printf("nas: wrote %d candidates to %s%n", n, out);
            return Main.DONE;
        }
    }

    @Command(name = "measure", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Measures sampled networks of a space whole, on this machine.",
                "One thread, in the latency worker; for the device's predictor and its lookup table's fit.",
                "Architectures measured before are skipped."})
    static final class Measure implements Callable<Integer> {

        @Mixin
        SpaceOption space;

        @Mixin
        DeviceOption device;

        @Option(names = "--n", paramLabel = "N", defaultValue = "200",
                description = "Networks, each a different architecture (default: ${DEFAULT-VALUE}).")
        int n;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Sampling seed.")
        long seed;

        @Override
        public Integer call() {
            DeviceProfile profile = device.profile();
            profile.checkMeasuredHere();
            try (WorkerLatency worker = space.worker()) {
                profile.measure(LatencySheet.sample(space.space(), n, seed), worker, worker.conditions(),
                        System.out::println);
            }
            System.out.printf("nas: device '%s' has %d networks of space '%s' measured whole (%s)%n", profile.name(),
                    profile.networks(space.space()).size(), space.space().name(), profile.networksFile());
            return Main.DONE;
        }
    }

    @Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Completes the device's lookup table for a space, on this machine.",
                "Every distinct layer configuration the table lacks is timed alone, once; networks are measured",
                "whole to fit its overhead if the device has fewer than " + SearchLatency.FIT_NETWORKS + "."})
    static final class Profile implements Callable<Integer> {

        @Mixin
        SpaceOption space;

        @Mixin
        DeviceOption device;

        @Override
        public Integer call() {
            DeviceProfile profile = device.profile();
            profile.checkMeasuredHere();
            FittedTable lookup = SearchLatency.complete(profile, space.space(), space.yaml(), space.file.toString(),
                    System.out);
            List<MeasuredNetwork> networks = profile.networks(space.space());
            double[] predicted = networks.stream().mapToDouble(n -> lookup.latencyMs(NetworkPlan.of(space.space(),
                    n.candidate()))).toArray();
            System.out.printf("nas: lookup table of device '%s' for space '%s' (%s): %s%n", profile.name(),
                    space.space().name(), profile.layersFile(), lookup);
            System.out.printf("nas: on the networks it was fitted to: %s%n", PredictionReport.of(
                    networks.stream().mapToDouble(MeasuredNetwork::latencyMs).toArray(), predicted));
            return Main.DONE;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Imports latencies measured on another device.",
                "A CSV sheet with key and latency_ms columns, as nas latency sample writes it. Every row is checked;",
                "if any is bad, nothing is imported unless --keep-good is given."})
    static final class Import implements Callable<Integer> {

        @Mixin
        SpaceOption space;

        @Option(names = "--device", paramLabel = "NAME", required = true, description = "The device measured.")
        String name;

        @Option(names = "--devices", paramLabel = "DIR", defaultValue = "devices",
                description = "Where device profiles live (default: ${DEFAULT-VALUE}).")
        Path root;

        @Option(names = "--csv", paramLabel = "FILE", required = true, description = "The filled-in sheet.")
        Path csv;

        @Option(names = "--keep-good", description = "Import the good rows even if some are bad.")
        boolean keepGood;

        @Override
        public Integer call() {
            DeviceProfile profile = DeviceProfile.at(root, name);
            profile.checkImportable();
            LatencySheet.Read read = LatencySheet.read(csv, space.space(), profile.architectures());
            List<String> problems = read.bad().stream().map(Object::toString).toList();
            int rows = read.good().size() + read.bad().size();
            if (!problems.isEmpty() && (!keepGood || read.good().isEmpty())) {
                throw new IllegalArgumentException(problems.size() + " of " + rows + " rows of " + csv
                        + " cannot be imported:\n  " + String.join("\n  ", problems)
                        + (read.good().isEmpty() ? "" : "\nFix them, or give --keep-good to import the "
                        + read.good().size() + " good rows."));
            }
            problems.forEach(problem -> System.err.println("nas: skipped " + problem));
            profile.addImported(read.good(), csv);
            System.out.printf("nas: imported %d of %d rows into device '%s' (%s); it has %d networks of space '%s'%n",
                    read.good().size(), rows, name, profile.networksFile(), profile.networks(space.space()).size(),
                    space.space().name());
            return Main.DONE;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Trains the device's latency predictor for a space.",
                "On its networks measured whole, holding some out to report on: RMSE, MAPE, share within ±5%% and",
                "±10%%, Kendall's tau. Gradient boosting and a random forest are cross-validated on the rest; the",
                "better is saved."})
    static final class Train implements Callable<Integer> {

        @Mixin
        SpaceOption space;

        @Mixin
        DeviceOption device;

        @Option(names = "--test", paramLabel = "FRACTION", defaultValue = "0.2",
                description = "Share of the networks held out (default: ${DEFAULT-VALUE}).")
        double test;

        @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
                description = "Cross-validation folds that choose the model (default: ${DEFAULT-VALUE}).")
        int folds;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Split and model seed.")
        long seed;

        @Override
        public Integer call() {
            if (!(test > 0 && test < 1)) {
                throw new IllegalArgumentException("--test must be between 0 and 1, got " + test);
            }
            if (folds < 2) {
                throw new IllegalArgumentException("--folds must be at least 2, got " + folds);
            }
            SearchSpace searchSpace = space.space();
            DeviceProfile profile = device.profile();
            List<MeasuredNetwork> networks = profile.networks(searchSpace);
            int held = (int) Math.round(networks.size() * test);
            int least = PredictorTraining.MIN_SAMPLES * folds / (folds - 1) + 1;
            if (networks.size() - held < least || held < 2) {
                throw new IllegalArgumentException("device '" + profile.name() + "' has " + networks.size()
                        + " networks of space '" + searchSpace.name() + "' measured whole (" + profile.networksFile()
                        + "); " + least + " to train on and two held out are the fewest: nas latency measure, or "
                        + "nas latency import");
            }
            List<MeasuredNetwork> shuffled = new ArrayList<>(networks);
            Collections.shuffle(shuffled, new Random(seed));
            List<MeasuredNetwork> testing = shuffled.subList(0, held);
            List<MeasuredNetwork> training = shuffled.subList(held, shuffled.size());
            HoldOut result = HoldOut.of(searchSpace, tableFor(profile, searchSpace), training, testing, folds, seed,
                    profile.name());
            System.out.printf("nas: device '%s', space '%s': %d networks measured whole, %d to train on, %d held out "
                    + "(seed %d)%n", profile.name(), searchSpace.name(), networks.size(), training.size(),
                    testing.size(), seed);
            result.training().crossValidated().forEach((kind, report) -> System.out.printf(
                    "nas: %d-fold cross-validation on the training networks, %s: %s%n", folds, kind.token(), report));
            double[] measured = testing.stream().mapToDouble(MeasuredNetwork::latencyMs).toArray();
            List<List<Object>> rows = new ArrayList<>();
            result.lutMs().ifPresent(lut -> rows.add(reportRow("lookup table", PredictionReport.of(measured, lut))));
            LatencyPredictor predictor = result.training().predictor();
            rows.add(reportRow("predictor (" + predictor.kind().token() + ")", PredictionReport.of(measured,
                    result.predicted())));
            System.out.println("\nHeld-out networks:");
            System.out.print(new Table(REPORT_COLUMNS, rows).write(Format.TABLE));
            predictor.write(profile.predictorFile(searchSpace));
            System.out.printf("%nnas: saved %s (%s)%n", profile.predictorFile(searchSpace), predictor);
            return Main.DONE;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Reports how well the device's predictor does on networks it was not trained on.",
                "The device's other networks, or a sheet of measured latencies; beside the lookup table it reads."})
    static final class Eval implements Callable<Integer> {

        @Mixin
        SpaceOption space;

        @Mixin
        DeviceOption device;

        @Option(names = "--csv", paramLabel = "FILE",
                description = "Measured latencies to judge by, as nas latency import reads them (default: the "
                        + "device's networks the predictor was not trained on).")
        Path csv;

        @Override
        public Integer call() {
            SearchSpace searchSpace = space.space();
            DeviceProfile profile = device.profile();
            LatencyPredictor.Bound predictor = profile.predictor(searchSpace);
            List<MeasuredNetwork> unseen;
            if (csv != null) {
                LatencySheet.Read read = LatencySheet.read(csv, searchSpace, java.util.Set.of());
                if (!read.bad().isEmpty()) {
                    throw new IllegalArgumentException(read.bad().size() + " rows of " + csv + " are bad:\n  "
                            + String.join("\n  ", read.bad().stream().map(Object::toString).toList()));
                }
                unseen = read.good();
            } else {
                unseen = profile.networks(searchSpace).stream()
                        .filter(n -> !predictor.predictor().trainedOn(n.candidate())).toList();
            }
            if (unseen.size() < 2) {
                throw new IllegalArgumentException("fewer than two networks to judge the predictor of device '"
                        + profile.name() + "' by: measure more, or give --csv");
            }
            double[] measured = unseen.stream().mapToDouble(MeasuredNetwork::latencyMs).toArray();
            List<List<Object>> rows = new ArrayList<>();
            predictor.predictor().table().ifPresent(table -> rows.add(reportRow("lookup table", PredictionReport.of(
                    measured, unseen.stream().mapToDouble(n -> table.latencyMs(NetworkPlan.of(searchSpace,
                            n.candidate()))).toArray()))));
            rows.add(reportRow("predictor (" + predictor.predictor().kind().token() + ")", PredictionReport.of(
                    measured, unseen.stream().mapToDouble(n -> predictor.latencyMs(n.candidate())).toArray())));
            System.out.printf("nas: %s, on %d networks it was not trained on%n", predictor.predictor(),
                    unseen.size());
            System.out.print(new Table(REPORT_COLUMNS, rows).write(Format.TABLE));
            return Main.DONE;
        }
    }

    @Command(name = "table", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Prints a lookup table: a device's, or the one a study's latencies were predicted from."})
    static final class TableOut implements Callable<Integer> {

        @ArgGroup(multiplicity = "1")
        Source source;

        static final class Source {
            @ArgGroup(exclusive = false)
            DeviceOption device;

            @Option(names = "--db", paramLabel = "PATH", description = "A study database, PATH.mv.db.")
            Path db;
        }

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
                description = "table, csv or json (default: ${DEFAULT-VALUE}).", converter = FormatConverter.class)
        Format format;

        @Override
        public Integer call() {
            LookupTable table;
            if (source.db != null) {
                table = new H2StudyLocation(StudyFiles.of(source.db)).read(storage -> {
                    String name = storage.spec().space().objective().latency().device();
                    FittedTable stored = LatencyLookup.read(storage, name).orElseThrow(() ->
                            new IllegalArgumentException("the study " + storage.files() + " predicted no latency "
                                    + "from a lookup table"));
                    System.err.printf("nas: lookup table of device '%s' as the study used it: %s%n", name, stored);
                    return stored.table();
                });
            } else {
                DeviceProfile profile = source.device.profile();
                table = profile.table();
                System.err.printf("nas: lookup table of device '%s' (%s): %d layers%n", profile.name(),
                        profile.layersFile(), table.rows().size());
            }
            List<List<Object>> rows = table.rows().entrySet().stream()
                    .sorted(Comparator.comparing(row -> row.getKey().token()))
                    .map(row -> LookupTable.cells(row.getKey(), row.getValue())).toList();
            System.out.print(new Table(LookupTable.COLUMNS, rows).write(format));
            return Main.DONE;
        }
    }

    /** The device's lookup table for {@code space}: complete, or empty for a device measured elsewhere. */
    static LookupTable tableFor(DeviceProfile profile, SearchSpace space) {
        LookupTable table = profile.table();
        List<LayerKey> missing = table.missing(LayerKey.distinct(space));
        if (!table.rows().isEmpty() && !missing.isEmpty()) {
            throw new IllegalArgumentException("the lookup table of device '" + profile.name() + "' lacks "
                    + missing.size() + " layers of space '" + space.name() + "': complete it with nas latency "
                    + "profile --device " + profile.name() + " --space FILE");
        }
        return table.only(LayerKey.distinct(space));
    }
}
