import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.storage.FolderNetworks;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Checkpoints;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.space.Actions;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Weight inheritance against a fresh start (issue 19; not a test). Run from the repository after a build:
 *
 *   java -cp runs/target/nas.jar benchmarks/inheritance/InheritanceBench.java [pairs] [seed]
 *
 * For each of `pairs` (default 24) parents sampled from spaces/mobile.yaml: trains the parent its full 2 epochs on
 * 2,000 embedded Fashion-MNIST images, mutates one architectural decision as evolution does (one decision changed to
 * another of its values; drawn again until the architecture differs), and trains the child one epoch twice with the
 * same seed: freshly initialised, and inheriting the parent's weights in every layer of unchanged shape. Prints
 * each pair's validation accuracies (500 held-out images) and the median and mean gain.
 */
public class InheritanceBench {

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        SearchSpace space = SpaceLoader.parse(Files.readString(Path.of("spaces/mobile.yaml")), "spaces/mobile.yaml");
        Split split = Split.stratified(Dataset.embedded().train().head(2500), 0.2, seed);
        Path dir = Files.createTempDirectory("nas-inheritance");
        Dl4jEvaluator evaluator = new Dl4jEvaluator(space, split, Optional.of(new Checkpoints(new FolderNetworks(dir))));
        Actions actions = Actions.of(space.codec());
        SplittableRandom random = new SplittableRandom(seed);
        double[] gains = new double[pairs];
        int better = 0;
        System.out.println(" #  parent  fresh  inherited  gain    child (one decision changed)");
        for (int i = 0; i < pairs; i++) {
            Candidate parent = space.codec().sample(random);
            double parentAccuracy = accuracy(evaluator.train(new TrainingRequest(3 * i, parent, 2, seed + i),
                    e -> { }, () -> false));
            Candidate child = mutated(actions, parent, random);
            double fresh = accuracy(evaluator.train(new TrainingRequest(3 * i + 1, child, Optional.empty(), 1,
                    seed + 1000 + i, List.of(), Optional.empty()), e -> { }, () -> false));
            double inherited = accuracy(evaluator.train(new TrainingRequest(3 * i + 2, child, Optional.empty(), 1,
                    seed + 1000 + i, List.of(), Optional.of(3 * i)), e -> { }, () -> false));
            gains[i] = inherited - fresh;
            better += gains[i] > 0 ? 1 : 0;
            System.out.printf("%2d  %.3f   %.3f  %.3f      %+.3f  %s%n", i, parentAccuracy, fresh, inherited, gains[i],
                    child.key());
        }
        double[] sorted = gains.clone();
        Arrays.sort(sorted);
        double median = (sorted[(pairs - 1) / 2] + sorted[pairs / 2]) / 2;
        System.out.printf("%d pairs: inheritance better in %d; gain in validation accuracy after one epoch: median "
                + "%+.3f, mean %+.3f, range %+.3f to %+.3f%n", pairs, better, median,
                Arrays.stream(gains).average().orElse(0), sorted[0], sorted[pairs - 1]);
        org.apache.commons.io.file.PathUtils.deleteDirectory(dir);
    }

    /** {@code parent} with one decision changed to another of its values, its architecture different. */
    private static Candidate mutated(Actions actions, Candidate parent, SplittableRandom random) {
        int[] sizes = actions.sizes();
        while (true) {
            int[] decisions = actions.actions(parent);
            int d = random.nextInt(sizes.length);
            if (sizes[d] < 2) {
                continue;
            }
            int other = random.nextInt(sizes[d] - 1);
            decisions[d] = other >= decisions[d] ? other + 1 : other;
            Candidate child = actions.candidate(decisions);
            if (!child.blocks().equals(parent.blocks())) {
                return child;
            }
        }
    }

    private static double accuracy(TrainingResult result) {
        if (!(result instanceof Trained trained)) {
            throw new IllegalStateException("did not train: " + result);
        }
        return trained.accuracy();
    }
}
