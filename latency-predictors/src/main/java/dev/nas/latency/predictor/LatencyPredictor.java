package dev.nas.latency.predictor;

import dev.nas.core.io.OwnerOnly;
import dev.nas.latency.PredictionReport;
import dev.nas.latency.Timing;
import dev.nas.latency.lut.FittedTable;
import dev.nas.latency.lut.LayerKey;
import dev.nas.latency.lut.LookupTable;
import dev.nas.latency.lut.LutFit;
import dev.nas.space.BadInput;
import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import smile.data.Tuple;
import smile.data.type.StructType;
import smile.regression.Regression;

/**
 * A trained latency predictor for one device and space, saved with everything it needs to predict: the Smile model,
 * the names of the features it was trained on, and the lookup table and fit those features read. Where there is a
 * table the model learns the ratio of measured to table latency, so that it corrects the table rather than learning
 * latency from scratch (trees cannot extrapolate; the table can). A few-shot predictor has a {@link Transfer}
 * instead (other devices' predictors, saved inside it): the model, if cross-validation kept one, learns the ratio of
 * measured to transferred latency, and without one the transfer predicts alone.
 *
 * <pre>{@code
 * LatencyPredictor predictor = LatencyPredictor.read(Path.of("devices/local/predictor.ser"));
 * double ms = predictor.bind(space).latencyMs(candidate);
 * }</pre>
 */
public final class LatencyPredictor implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What {@link #read} lets in: see there. A forest of a few hundred trees is some 10^5 objects. */
    private static final ObjectInputFilter ONLY_PREDICTORS = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;maxrefs=10000000;maxarray=100000000;maxbytes=1000000000;"
                    + "dev.nas.**;smile.**;java.lang.*;java.util.*;!*");

    private final String device;
    private final String spaceName;
    /** The Smile model and its kind; both null for a transfer that predicts alone. */
    private final PredictorTraining.Kind kind;
    private final Regression<Tuple> model;
    private final StructType schema;
    private final List<String> features;
    /** The lookup table by layer token, empty where the device has none. */
    private final HashMap<String, Double> layerMs;
    private final LutFit fit;
    /** The architectures it was trained on, by their blocks' tokens: the device's other networks are unseen. */
    private final HashSet<String> trainedOn;
    private final PredictionReport crossValidated;
    private final Transfer transfer;

    LatencyPredictor(String device, String spaceName, PredictorTraining.Kind kind, Regression<Tuple> model,
                     StructType schema, Features features, List<Candidate> trainedOn,
                     PredictionReport crossValidated, Transfer transfer) {
        this.device = device;
        this.spaceName = spaceName;
        this.kind = kind;
        this.model = model;
        this.schema = schema;
        this.features = features.names();
        this.layerMs = new HashMap<>();
        features.table().ifPresent(t -> t.table().rows().forEach((layer, timing) ->
                layerMs.put(layer.token(), timing.medianMs())));
        this.fit = features.table().map(FittedTable::fit).orElse(null);
        this.trainedOn = new HashSet<>(trainedOn.stream().map(LatencyPredictor::architecture).toList());
        this.crossValidated = crossValidated;
        this.transfer = transfer;
    }

    public String device() {
        return device;
    }

    /** What predicts, in a word or a few: {@code gbm}, {@code forest}, {@code transfer from a, b + gbm}. */
    public String label() {
        if (transfer == null) {
            return kind.token();
        }
        return transfer + (kind == null ? "" : " + " + kind.token());
    }

    /** What it transfers from other devices, for a few-shot predictor. */
    public Optional<Transfer> transfer() {
        return Optional.ofNullable(transfer);
    }

    public int samples() {
        return trainedOn.size();
    }

    /** Whether the predictor saw {@code candidate}'s architecture in training. */
    public boolean trainedOn(Candidate candidate) {
        return trainedOn.contains(architecture(candidate));
    }

    private static String architecture(Candidate candidate) {
        return candidate.blocks().stream().map(BlockChoice::token).collect(Collectors.joining("/"));
    }

    /** The cross-validated accuracy on the training samples that chose this model's kind. */
    public PredictionReport crossValidated() {
        return crossValidated;
    }

    /** The lookup table this predictor's features read, if it was trained with one. */
    public Optional<FittedTable> table() {
        if (fit == null) {
            return Optional.empty();
        }
        Map<LayerKey, Timing> rows = new LinkedHashMap<>();
        layerMs.forEach((token, ms) -> rows.put(LayerKey.parse(token), new Timing(ms, 0, 1)));
        return Optional.of(new FittedTable(new LookupTable(rows), fit));
    }

    /** This predictor for the candidates of {@code space}; throws if it was trained on other features. */
    public Bound bind(SearchSpace space) {
        Features bound = new Features(space, table());
        if (!bound.names().equals(features)) {
            throw new BadInput("the predictor of device '" + device + "' was trained for space '"
                    + spaceName + "' (" + features.size() + " features); space '" + space.name() + "' gives "
                    + bound.names().size() + " other ones: train one for it with nas latency train");
        }
        return new Bound(bound);
    }

    /** A predictor ready to predict the candidates of one space. */
    public final class Bound {

        private final Features features;
        private final int lutColumn;
        private final Transfer.Bound transferred;

        private Bound(Features features) {
            this.features = features;
            this.lutColumn = features.names().indexOf("lut_ms");
            this.transferred = transfer == null ? null : transfer.bind(features.space());
        }

        public double latencyMs(Candidate candidate) {
            if (transferred != null) {
                double base = transferred.latencyMs(candidate);
                return model == null ? base : base * model.predict(Tuple.of(features.of(candidate), schema));
            }
            double[] x = features.of(candidate);
            double y = model.predict(Tuple.of(x, schema));
            return lutColumn < 0 ? y : y * x[lutColumn];
        }

        public LatencyPredictor predictor() {
            return LatencyPredictor.this;
        }
    }

    /** Saves the predictor, private to its owner and whole or not at all (see {@link OwnerOnly}). */
    public void write(Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder.getParent());
            OwnerOnly.folder(folder);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
                objects.writeObject(this);
            }
            OwnerOnly.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the predictor " + file, e);
        }
    }

    /**
     * Reads a predictor {@link #write} saved. Java deserialisation runs the code of whatever classes a file names,
     * so only the classes a predictor is made of are let in (ours, Smile's, plain Java values and collections),
     * with bounds on depth, references, array lengths and bytes; anything else is refused before it is built.
     */
    public static LatencyPredictor read(Path file) {
        try (InputStream in = Files.newInputStream(file); ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(ONLY_PREDICTORS);
            return (LatencyPredictor) objects.readObject();
        } catch (NoSuchFileException e) {
            throw new BadInput("no predictor at " + file);
        } catch (InvalidClassException | StreamCorruptedException | ClassNotFoundException | ClassCastException e) {
            throw new BadInput(file + " is not a predictor this version of nas saved ("
                    + e.getMessage() + "); train the predictor again");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the predictor " + file, e);
        }
    }

    @Override
    public String toString() {
        return label() + " for device '" + device + "', space '" + spaceName + "', " + features.size()
                + " features, trained on " + trainedOn.size() + " measured networks"
                + (fit == null ? "" : ", correcting its lookup table (" + layerMs.size() + " layers)");
    }
}
