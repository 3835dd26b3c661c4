import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.eval.dl4j.NetworkBuilder;
import dev.nas.space.Candidate;
import dev.nas.space.FeatureMap;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.LayerSpec;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.yaml.SpaceLoader;
import java.io.BufferedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * DL4J's side of the training benchmark against PyTorch (issue 19; not a test). Run from the repository after a
 * build, then torch_bench.py on what it wrote (benchmarks/training/run.sh does both):
 *
 *   java -cp runs/target/nas.jar benchmarks/training/TrainBench.java OUT [networks] [seed]
 *
 * Samples `networks` (default 12) candidates of spaces/mobile.yaml from `seed` (default 1), trains each one epoch
 * over the embedded Fashion-MNIST training split (8,000 images; 2,000 held out) exactly as a trial does (the
 * evaluator, its loader and batch order, the candidate's batch size and optimiser), after one untimed candidate that
 * warms the JIT, and reports images/s trained. Writes to OUT what PyTorch needs to train the same networks on the
 * same images: networks.json (each plan, layer by layer, its hyperparameters, DL4J's parameter count and images/s)
 * and images.f32 / labels.i32 (the 8,000 training images, NCHW, little-endian).
 */
public class TrainBench {

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path out = Path.of(args[0]);
        int networks = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Files.createDirectories(out);
        SearchSpace space = SpaceLoader.parse(Files.readString(Path.of("spaces/mobile.yaml")), "spaces/mobile.yaml");
        Split split = Dataset.embedded().split(0.2, 1);
        writeImages(split.train(), out);
        Dl4jEvaluator evaluator = new Dl4jEvaluator(space, split);
        SplittableRandom random = new SplittableRandom(seed);
        train(evaluator, space.codec().sample(new SplittableRandom(seed + 1000)), -1); // warms the JIT, untimed

        ObjectMapper json = new ObjectMapper();
        ArrayNode list = json.createArrayNode();
        for (int n = 0; n < networks; n++) {
            Candidate candidate = space.codec().sample(random);
            NetworkPlan plan = NetworkPlan.of(space, candidate);
            double imagesPerSecond = train(evaluator, candidate, n);
            ComputationGraph built = NetworkBuilder.build(plan, candidate.training(), space.training(), 1);
            ObjectNode entry = describe(json, plan, candidate, space);
            entry.put("dl4j_params", built.numParams());
            entry.put("dl4j_images_per_second", imagesPerSecond);
            built.close();
            list.add(entry);
            System.out.printf("%2d  %6.0f images/s  batch %3d  %s%n", n, imagesPerSecond,
                    candidate.training().batchSize(), candidate.key());
        }
        json.writerWithDefaultPrettyPrinter().writeValue(out.resolve("networks.json").toFile(), list);
    }

    private static double train(Dl4jEvaluator evaluator, Candidate candidate, int trial) {
        TrainingResult result = evaluator.train(new TrainingRequest(Math.max(trial, 0), candidate, 1, 7),
                e -> { }, () -> false);
        if (!(result instanceof Trained trained)) {
            throw new IllegalStateException("candidate " + candidate.key() + " did not train: " + result);
        }
        return trained.imagesPerSecond();
    }

    private static ObjectNode describe(ObjectMapper json, NetworkPlan plan, Candidate candidate, SearchSpace space) {
        ObjectNode entry = json.createObjectNode();
        entry.put("key", candidate.key());
        entry.put("batch_size", candidate.training().batchSize());
        entry.put("optimizer", candidate.training().optimizer().name().toLowerCase(Locale.ROOT));
        entry.put("learning_rate", space.training().learningRate(candidate.training(), 1));
        entry.put("weight_decay", candidate.training().weightDecay());
        FeatureMap input = plan.input();
        entry.putArray("input").add(input.channels()).add(input.height()).add(input.width());
        entry.putObject("stem").put("filters", plan.stem().filters()).put("kernel", plan.stem().kernel())
                .put("stride", plan.stem().stride());
        ArrayNode layers = entry.putArray("layers");
        for (LayerSpec layer : plan.layers()) {
            layers.addObject()
                    .put("type", layer.op().type().name().toLowerCase(Locale.ROOT))
                    .put("kernel", layer.op().kernel())
                    .put("stride", layer.stride())
                    .put("in", layer.in().channels())
                    .put("out", layer.out().channels())
                    .put("inner", layer.innerChannels())
                    .put("expand", layer.op().expansion() > 1)
                    .put("squeeze", layer.squeezeChannels())
                    .put("shortcut", layer.shortcut().name().toLowerCase(Locale.ROOT));
        }
        entry.put("head", plan.headFilters());
        entry.put("classes", plan.classes());
        return entry;
    }

    private static void writeImages(ImageSet images, Path out) throws Exception {
        int values = images.shape().pixels() * images.shape().channels();
        float[] image = new float[values];
        ByteBuffer buffer = ByteBuffer.allocate(values * 4).order(ByteOrder.LITTLE_ENDIAN);
        try (var features = new BufferedOutputStream(Files.newOutputStream(out.resolve("images.f32")));
             var labels = new BufferedOutputStream(Files.newOutputStream(out.resolve("labels.i32")))) {
            ByteBuffer label = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < images.size(); i++) {
                images.copyImage(i, image, 0);
                buffer.clear();
                buffer.asFloatBuffer().put(image);
                features.write(buffer.array());
                label.clear();
                label.putInt(images.label(i));
                labels.write(label.array());
            }
        }
    }
}
