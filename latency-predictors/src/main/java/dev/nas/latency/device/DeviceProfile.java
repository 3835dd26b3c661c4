package dev.nas.latency.device;

import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.io.OwnerOnly;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.Latency;
import dev.nas.latency.LayerProfiler;
import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.Timing;
import dev.nas.latency.internal.CsvFile;
import dev.nas.latency.lut.FittedTable;
import dev.nas.latency.lut.LayerKey;
import dev.nas.latency.lut.LookupTable;
import dev.nas.latency.lut.LutFit;
import dev.nas.latency.predictor.LatencyPredictor;
import dev.nas.space.BadInput;
import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.LatencySpec;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything known about one device's latency, in a folder {@code DEVICES/NAME/} (by default {@code devices/NAME/}
 * in the working directory), so that a layer is timed once per device and every study reuses it:
 * <ul>
 *   <li>{@code layers.csv}: the lookup table, one row per layer configuration (any space's);</li>
 *   <li>{@code networks.csv}: networks measured whole, by candidate key, with where each figure came from;</li>
 *   <li>{@code predictor-SPACE.ser}: the learned predictor for each space it was trained for;</li>
 *   <li>{@code machine.properties}: the machine that measured it and the engine it timed networks in (DL4J, ONNX
 *   Runtime fp32 or int8), for a device measured here.</li>
 * </ul>
 * A device is measured either here (lookup table, networks timed in the latency worker) or elsewhere (networks
 * imported from a CSV sheet), never both: figures from two machines would not describe one device; nor would two
 * engines, so a device measured here is timed in one engine throughout.
 */
public final class DeviceProfile {

    /** Where searches look for device profiles, relative to the working folder. */
    public static final String DEFAULT_FOLDER = "devices";
    public static final Path DEFAULT_ROOT = Path.of(DEFAULT_FOLDER);
    static final String MEASURED_HERE = "measured here";
    private static final List<String> NETWORK_COLUMNS = List.of("key", "latency_ms", "iqr_ms", "origin");

    private final String name;
    private final Path directory;

    private DeviceProfile(String name, Path directory) {
        this.name = name;
        this.directory = directory;
    }

    /** The profile of device {@code name} under {@code root}; its folder is made when something is saved. */
    public static DeviceProfile at(Path root, String name) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new BadInput("--devices: " + root + " is a file, not a folder of device profiles");
        }
        return new DeviceProfile(LatencySpec.checkDevice(name), root.resolve(name));
    }

    public String name() {
        return name;
    }

    public Path directory() {
        return directory;
    }

    public Path layersFile() {
        return directory.resolve("layers.csv");
    }

    public Path networksFile() {
        return directory.resolve("networks.csv");
    }

    public Path predictorFile(SearchSpace space) {
        return directory.resolve("predictor-" + space.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".ser");
    }

    private Path machineFile() {
        return directory.resolve("machine.properties");
    }

    /**
     * This profile, if its folder exists; otherwise throws naming the devices that do, so that a mistyped name is
     * answered with the right one.
     */
    public DeviceProfile existing() {
        if (!Files.isDirectory(directory)) {
            throw new BadInput(missing());
        }
        return this;
    }

    private String missing() {
        Path root = directory.getParent();
        List<String> names;
        try (Stream<Path> entries = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            names = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return "there is no device '" + name + "' in " + root + (names.isEmpty()
                ? " (it has none: nas latency measure, profile or import makes one)"
                : "; its devices are " + String.join(", ", names));
    }

    /** The device's lookup table; empty until layers are profiled. */
    public LookupTable table() {
        return Files.exists(layersFile()) ? LookupTable.read(layersFile()) : LookupTable.EMPTY;
    }

    /**
     * The device's lookup table for {@code space}: complete, or empty for a device measured elsewhere (whose layers
     * are not timed); a table that lacks some of the space's layers is refused, naming the command that completes it.
     */
    public LookupTable tableFor(SearchSpace space) {
        LookupTable table = table();
        List<LayerKey> missing = table.missing(LayerKey.distinct(space));
        if (!table.rows().isEmpty() && !missing.isEmpty()) {
            throw new BadInput("the lookup table of device '" + name + "' lacks " + missing.size()
                    + " layers of space '" + space.name() + "': complete it with nas latency profile --device " + name
                    + " --space FILE");
        }
        return table.only(LayerKey.distinct(space));
    }

    /**
     * Times every layer configuration of {@code space} that the table lacks, here, saving each row as it is made:
     * a layer is timed once per device, and an interrupted profiling goes on where it stopped.
     */
    public LookupTable profile(SearchSpace space, LayerProfiler profiler, LatencySpec.Engine engine, Conditions here,
                               Consumer<String> progress) {
        checkMeasurableHere(here, engine);
        LookupTable table = table();
        List<LayerKey> missing = table.missing(LayerKey.distinct(space));
        for (int i = 0; i < missing.size(); i++) {
            LayerKey layer = missing.get(i);
            Timing timing = profiler.profile(layer.spec());
            LookupTable.append(layersFile(), List.of(
                    "Latency lookup table of device '" + name + "': batch-1 latency of each layer timed alone, in ms",
                    "(median and interquartile range of repeated runs after warm-up), measured on " + here,
                    "started " + Instant.now()), layer, timing);
            table = table.with(layer, timing);
            progress.accept(String.format("layer %d/%d  %.4f ms  %s", i + 1, missing.size(), timing.medianMs(),
                    layer.token()));
        }
        return table;
    }

    /** Measures, here, each candidate whose architecture the device lacks, saving each figure as it is made. */
    public void measure(List<Candidate> candidates, LatencyModel measured, LatencySpec.Engine engine, Conditions here,
                        Consumer<String> progress) {
        checkMeasurableHere(here, engine);
        Set<List<BlockChoice>> known = architectures();
        List<Candidate> missing = candidates.stream().filter(c -> !known.contains(c.blocks())).toList();
        for (int i = 0; i < missing.size(); i++) {
            Latency latency = measured.latency(missing.get(i));
            addMeasured(new MeasuredNetwork(missing.get(i), latency.medianMs()), latency.spreadMs(), here);
            progress.accept(String.format("network %d/%d  %.3f ms  %s", i + 1, missing.size(), latency.medianMs(),
                    missing.get(i).key()));
        }
    }

    /** The table fitted to the networks of {@code space} measured whole that it covers. */
    public FittedTable fit(SearchSpace space, LookupTable table) {
        List<MeasuredNetwork> covered = networks(space).stream()
                .filter(n -> table.missing(LayerKey.profiled(NetworkPlan.of(space, n.candidate()))).isEmpty())
                .toList();
        if (covered.size() < LutFit.MIN_NETWORKS) {
            throw new BadInput("device '" + name + "' has " + covered.size() + " networks of space '"
                    + space.name() + "' measured whole whose layers are all in its lookup table; the table's overhead"
                    + " is fitted on at least " + LutFit.MIN_NETWORKS + ": java -jar nas.jar latency measure --device "
                    + name + " --space FILE");
        }
        return FittedTable.fit(table, space, covered);
    }

    /** Every network measured whole for the device whose candidate belongs to {@code space}, in file order. */
    public List<MeasuredNetwork> networks(SearchSpace space) {
        List<MeasuredNetwork> networks = new ArrayList<>();
        for (Map.Entry<Candidate, Double> row : rows().entrySet()) {
            try {
                networks.add(new MeasuredNetwork(space.check(row.getKey()), row.getValue()));
            } catch (IllegalArgumentException otherSpace) {
                // Networks of other spaces share the device's file; they are not this space's samples.
            }
        }
        return networks;
    }

    /** The architectures measured for the device, of any space. */
    public Set<List<BlockChoice>> architectures() {
        return rows().keySet().stream().map(Candidate::blocks).collect(Collectors.toSet());
    }

    private void addMeasured(MeasuredNetwork network, double iqrMs, Conditions here) {
        CsvFile.create(networksFile(), List.of("Networks of device '" + name + "' measured whole: batch-1 latency in"
                + " ms, median and interquartile range of repeated runs, measured on " + here), NETWORK_COLUMNS);
        CsvFile.append(networksFile(), List.of(network.candidate().key(), network.latencyMs(), iqrMs,
                MEASURED_HERE));
    }

    /** Records networks measured on the device itself, from {@code sheet}: all of them, or none if interrupted. */
    public void addImported(List<MeasuredNetwork> networks, Path sheet) {
        CsvFile.appendAll(networksFile(), List.of("Networks of device '" + name + "' measured whole: batch-1 "
                + "latency in ms as imported"), NETWORK_COLUMNS, networks.stream().<List<?>>map(network -> List.of(
                network.candidate().key(), network.latencyMs(), "", "imported from " + sheet.getFileName())).toList());
    }

    /**
     * The engine the device's networks and layers are timed in, once it has been measured here; DL4J for a device
     * measured before engines were recorded.
     */
    public Optional<LatencySpec.Engine> engine() {
        return machine().map(m -> LatencySpec.Engine.fromToken(m.getProperty("engine", LatencySpec.Engine.DL4J
                .token())).orElseThrow(() -> new BadInput(machineFile() + ": unknown engine '"
                + m.getProperty("engine") + "' (expected one of " + LatencySpec.Engine.tokens() + ")")));
    }

    /**
     * Throws unless this machine may add measurements timed in {@code engine} to the device: the device is new, or
     * was measured here, in the same engine, on the same CPU and backend. Records this machine and engine for a new
     * device.
     */
    public void checkMeasurableHere(Conditions here, LatencySpec.Engine engine) {
        checkMeasuredHere();
        checkEngine(engine);
        Optional<Properties> machine = machine();
        if (machine.isEmpty()) {
            Properties properties = new Properties();
            properties.setProperty("engine", engine.token());
            properties.setProperty("cpu", here.cpu());
            properties.setProperty("backend", here.backend());
            properties.setProperty("jvm", here.jvm());
            properties.setProperty("threads", Integer.toString(here.threads()));
            try {
                Files.createDirectories(directory.toAbsolutePath().getParent());
                OwnerOnly.folder(directory);
                StringWriter text = new StringWriter();
                properties.store(text, "The machine device '" + name + "' was measured on");
                OwnerOnly.write(machineFile(), text.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + machineFile(), e);
            }
        } else if (!machine.get().getProperty("cpu").equals(here.cpu())
                || !machine.get().getProperty("backend").equals(here.backend())) {
            throw new BadInput("device '" + name + "' was measured on " + machine.get()
                    .getProperty("cpu") + " with " + machine.get().getProperty("backend") + "; this machine is "
                    + here.cpu() + " with " + here.backend() + ": measure it as another --device");
        }
    }

    /** Throws if the device was measured in an engine other than {@code engine}. */
    public void checkEngine(LatencySpec.Engine engine) {
        Optional<LatencySpec.Engine> recorded = engine();
        if (recorded.isPresent() && !recorded.get().equals(engine)) {
            throw new BadInput("device '" + name + "' is timed in " + recorded.get().token() + ", not "
                    + engine.token() + " (" + machineFile() + "): measure " + engine.token() + " as another --device");
        }
    }

    /** Throws if the device holds latencies imported from elsewhere: then nothing can be timed here for it. */
    public void checkMeasuredHere() {
        if (origins().stream().anyMatch(origin -> !origin.equals(MEASURED_HERE))) {
            throw new BadInput("device '" + name + "' holds latencies imported from another "
                    + "machine (" + networksFile() + "); its layers and networks cannot be timed here: measure this"
                    + " machine as another --device");
        }
    }

    /** Throws unless networks measured elsewhere may be imported: the device was not measured here. */
    public void checkImportable() {
        if (machine().isPresent() || origins().contains(MEASURED_HERE)) {
            throw new BadInput("device '" + name + "' was measured on this machine ("
                    + directory + "); import another device's latencies as another --device");
        }
    }

    /** What the device's figures were measured under, as trials record it. */
    public Conditions conditions() {
        return machine().map(m -> new Conditions(name, Integer.parseInt(m.getProperty("threads", "1")),
                        m.getProperty("cpu"), m.getProperty("jvm", ""), m.getProperty("backend")))
                .orElseGet(() -> new Conditions(name, 0, "as measured on the device (imported)", "", ""));
    }

    /** The device's predictor for {@code space}; throws saying how to make one if there is none. */
    public LatencyPredictor.Bound predictor(SearchSpace space) {
        return savedPredictor(space).bind(space);
    }

    /**
     * The saved predictors of the devices {@code names} (under the same folder as this one) for {@code space}, to
     * transfer from to this device; a device that is not there, has no predictor for the space, or is this one is
     * refused, naming the option.
     */
    public List<LatencyPredictor> transferSources(List<String> names, SearchSpace space) {
        List<LatencyPredictor> sources = new ArrayList<>();
        for (String source : names) {
            if (source.equals(name)) {
                throw new BadInput("--transfer-from: device '" + name + "' cannot transfer from itself");
            }
            try {
                sources.add(at(directory.getParent(), source).existing().savedPredictor(space));
            } catch (BadInput e) {
                throw new BadInput("--transfer-from: " + e.getMessage());
            }
        }
        return sources;
    }

    private LatencyPredictor savedPredictor(SearchSpace space) {
        Path file = predictorFile(space);
        if (!Files.exists(file)) {
            throw new BadInput("device '" + name + "' has no predictor for space '" + space.name()
                    + "' (" + file + "); " + (Files.isDirectory(directory) ? "train one: java -jar nas.jar "
                    + "latency train --device " + name + " --space FILE" : missing()));
        }
        return LatencyPredictor.read(file);
    }

    private Optional<Properties> machine() {
        if (!Files.exists(machineFile())) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(machineFile(), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + machineFile(), e);
        }
        return Optional.of(properties);
    }

    private List<String> origins() {
        return Files.exists(networksFile()) ? CsvFile.read(networksFile(), NETWORK_COLUMNS).stream()
                .map(row -> row.get("origin")).distinct().toList() : List.of();
    }

    private Map<Candidate, Double> rows() {
        Map<Candidate, Double> rows = new LinkedHashMap<>();
        if (!Files.exists(networksFile())) {
            return rows;
        }
        for (CsvFile.Row row : CsvFile.read(networksFile(), NETWORK_COLUMNS)) {
            try {
                rows.put(Candidate.parse(row.get("key")), Double.parseDouble(row.get("latency_ms")));
            } catch (IllegalArgumentException e) {
                throw new BadInput(networksFile() + ":" + row.line() + ": " + e.getMessage());
            }
        }
        return rows;
    }
}
