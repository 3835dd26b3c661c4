import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.eval.data.Augmenter;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Batches;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.space.Augmentation;
import dev.nas.space.Candidate;
import dev.nas.space.FeatureMap;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The image loader against training (issue 18's benchmark; not a test). Run from the repository after a build:
 *
 *   java -Xmx1g -cp runs/target/nas.jar benchmarks/loader/LoaderBench.java [images]
 *
 * 1. Writes a folder of `images` (default 100,000) 64x64 colour JPEGs in 10 class folders, made from the embedded
 *    Fashion-MNIST images (colourised, scaled up), in a temporary directory.
 * 2. Decodes it into the image cache at 64x64x3 (ImageIO, fitted, one byte per value): images/s decoded.
 * 3. Serves batches of 128 from the cache on the loader's thread, in a shuffled batch order, plain and with
 *    spaces/cifar.yaml's strongest augmentation (crop 4, flip, cutout 8): images/s served.
 * 4. Trains 3 candidates of spaces/cifar.yaml (32x32x3, the same folder decoded at that size) one epoch on 5,000
 *    images: images/s trained, and the loader's margin over it.
 * 5. Trains a whole trial at 64x64x3 (spaces/tiny.yaml's blocks in colour, one epoch over 80% of the folder,
 *    validated on the rest, every image streamed from the cache) and reports the heap's peak against -Xmx.
 */
public class LoaderBench {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path root = Files.createTempDirectory("nas-loader-bench");
        Path folder = root.resolve("photos");
        ImageSet source = Dataset.embedded().train();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int index = i % source.size();
            Path file = folder.resolve("class" + source.label(index)).resolve(String.format("%06d.jpg", i));
            Files.createDirectories(file.getParent());
            ImageIO.write(colour(source, index, 64, i), "jpg", file.toFile());
        }
        System.out.printf("wrote %,d JPEGs of 64x64 in %.0f s%n", count, seconds(start));

        Dataset.Reading caching = new Dataset.Reading(false, Optional.of(root.resolve("cache")));
        FeatureMap large = new FeatureMap(64, 64, 3);
        start = System.nanoTime();
        Dataset data = Dataset.load(folder, large, caching);
        double decodeSeconds = seconds(start);
        System.out.printf("decoded into the cache: %,d images in %.1f s, %,.0f images/s (hash pass included)%n",
                data.train().size(), decodeSeconds, data.train().size() / decodeSeconds);
        start = System.nanoTime();
        Dataset.load(folder, large, caching);
        System.out.printf("opened from the cache (hash pass only): %.1f s%n", seconds(start));

        Batches loader = new Batches(Batches.AHEAD);
        Split split = data.split(0.2, 1);
        serve(loader, split.train().head(20_000), Augmentation.NONE); // warms up the JIT
        double plain = serve(loader, split.train(), Augmentation.NONE);
        double augmented = serve(loader, split.train(), new Augmentation(4, true, 8));
        System.out.printf("served from the cache at 64x64x3, batch 128: %,.0f images/s plain, %,.0f augmented%n",
                plain, augmented);

        Dataset small = Dataset.load(folder, new FeatureMap(32, 32, 3), caching);
        Split cifarSplit = small.split(0.2, 1);
        double served32 = serve(loader, cifarSplit.train(), new Augmentation(4, true, 8));
        SearchSpace cifar = SpaceLoader.parse(Files.readString(Path.of("spaces/cifar.yaml")), "spaces/cifar.yaml");
        Split trainSplit = new Split(cifarSplit.train().head(5000), cifarSplit.validation().head(1000));
        Dl4jEvaluator evaluator = new Dl4jEvaluator(cifar, trainSplit);
        SplittableRandom random = new SplittableRandom(1);
        double[] trained = new double[3];
        for (int n = 0; n < trained.length; n++) {
            Candidate candidate = cifar.codec().sample(random);
            TrainingResult result = evaluator.train(new TrainingRequest(n, candidate, 1, n), e -> { }, () -> false);
            trained[n] = ((Trained) result).imagesPerSecond();
            System.out.printf("cifar.yaml candidate %d: %,.0f images/s trained (%s)%n", n, trained[n],
                    candidate.key());
        }
        Arrays.sort(trained);
        System.out.printf("at 32x32x3: loader %,.0f images/s (augmented) against training %,.0f (median of 3): "
                + "%.0fx%n", served32, trained[1], served32 / trained[1]);

        String tinyColour = Files.readString(Path.of("spaces/tiny.yaml")).replace(
                "input: {height: 28, width: 28, channels: 1}", "input: {height: 64, width: 64, channels: 3}");
        SearchSpace tiny = SpaceLoader.parse(tinyColour, "spaces/tiny.yaml at 64x64x3");
        Candidate candidate = tiny.codec().sample(new SplittableRandom(2));
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        start = System.nanoTime();
        TrainingResult whole = new Dl4jEvaluator(tiny, split).train(new TrainingRequest(0, candidate, 1, 1),
                e -> System.out.printf("trial at 64x64x3: epoch over %,d images, validation accuracy %.3f%n",
                        split.train().size(), e.validationAccuracy()), () -> false);
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("whole trial (%s) in %.0f s: %,.0f images/s; heap peak %,d MB with -Xmx %,d MB; the "
                + "decoded images take %,d MB in the cache file%n", whole.getClass().getSimpleName(),
                seconds(start), whole instanceof Trained t ? t.imagesPerSecond() : 0, peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20, (long) data.all().size() * 64 * 64 * 3 >> 20);
        org.apache.commons.io.file.PathUtils.deleteDirectory(root);
    }

    /** Images/s served for one pass over {@code images} in a shuffled batch order, batches of 128. */
    private static double serve(Batches loader, ImageSet images, Augmentation augmentation) {
        int[] order = new int[Batches.count(images, 128)];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long start = System.nanoTime();
        try (Batches.Epoch epoch = loader.epoch(images, 128, 10, order, (features, n) -> {
            if (!augmentation.isNone()) {
                Augmenter.apply(augmentation, features, images.shape(), n, random);
            }
        })) {
            while (epoch.hasNext()) {
                epoch.next();
            }
        }
        return images.size() / seconds(start);
    }

    /** Image {@code index} in colour, scaled to {@code side}, tinted differently for every copy. */
    private static BufferedImage colour(ImageSet images, int index, int side, int copy) {
        FeatureMap shape = images.shape();
        float[] grey = new float[shape.pixels()];
        images.copyImage(index, grey, 0);
        BufferedImage small = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_RGB);
        int tint = copy % 64;
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                int g = Math.round(grey[y * shape.width() + x] * 255);
                small.setRGB(x, y, Math.min(255, g + tint) << 16 | g << 8 | Math.max(0, g - tint));
            }
        }
        BufferedImage large = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = large.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, side, side, null);
        g.dispose();
        return large;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
