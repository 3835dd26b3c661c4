import dev.nas.core.evaluation.InferenceProbe;
import dev.nas.eval.dl4j.Dl4jInferenceProbe;
import dev.nas.latency.TimingProtocol;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * How short a latency measurement can be (issue 19; not a test). Run from the repository after a build, with one
 * OpenMP thread as the search's latency worker has:
 *
 *   OMP_NUM_THREADS=1 java -cp runs/target/nas.jar benchmarks/latency/ProtocolBench.java [networks] [seed]
 *
 * Times each of `networks` (default 40) networks sampled from spaces/mobile.yaml twice with each protocol, the
 * protocols interleaved network by network so that a busy moment of the machine falls on all of them alike, every
 * timing paced by one reference calibrated once with the default protocol (as a worker calibrates once per search).
 * Prints, per protocol: the seconds a measurement takes (median), the share of networks whose two timings agree
 * within 10% and the mean |difference| between them (repeatability), and the median ratio of its latencies to the
 * default protocol's (bias).
 */
public class ProtocolBench {

    record Protocol(String name, TimingProtocol timing) {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        SearchSpace space = SpaceLoader.parse(Files.readString(Path.of("spaces/mobile.yaml")), "spaces/mobile.yaml");
        List<Protocol> protocols = List.of(
                new Protocol("default 200 + 10x20", TimingProtocol.DEFAULT),
                new Protocol("50 + 10x10", new TimingProtocol(50, 10, 10, 0.20, 2)),
                new Protocol("20 + 10x6", new TimingProtocol(20, 10, 6, 0.20, 2)),
                new Protocol("20 + 6x5", new TimingProtocol(20, 6, 5, 0.20, 2)));
        Dl4jInferenceProbe probe = new Dl4jInferenceProbe(space);
        Candidate reference = space.codec().sample(new SplittableRandom(0));
        SplittableRandom random = new SplittableRandom(seed);
        List<Candidate> networks = Stream.generate(() -> space.codec().sample(random)).limit(n)
                .toList();
        try (InferenceProbe.Inference referenceNetwork = probe.prepare(reference)) {
            TimingProtocol.Reference paced = TimingProtocol.Reference.calibrate(referenceNetwork::run,
                    TimingProtocol.DEFAULT, System::nanoTime);
            double[][][] ms = new double[protocols.size()][2][n];
            double[][] seconds = new double[protocols.size()][2 * n];
            for (int i = 0; i < n; i++) {
                for (int repeat = 0; repeat < 2; repeat++) {
                    for (int p = 0; p < protocols.size(); p++) {
                        long start = System.nanoTime();
                        try (InferenceProbe.Inference network = probe.prepare(networks.get(i))) {
                            ms[p][repeat][i] = protocols.get(p).timing().measure(network::run, paced,
                                    System::nanoTime).medianMs();
                        }
                        seconds[p][2 * i + repeat] = (System.nanoTime() - start) / 1e9;
                    }
                }
                System.out.printf("%2d  %.2f ms by default%n", i, ms[0][0][i]);
            }
            System.out.println("protocol               s/measurement  agree<=10%  mean|diff|  median ratio to default");
            for (int p = 0; p < protocols.size(); p++) {
                int agree = 0;
                double diff = 0;
                double[] ratio = new double[n];
                for (int i = 0; i < n; i++) {
                    double d = Math.abs(ms[p][0][i] - ms[p][1][i]) / Math.min(ms[p][0][i], ms[p][1][i]);
                    agree += d <= 0.10 ? 1 : 0;
                    diff += d / n;
                    ratio[i] = (ms[p][0][i] + ms[p][1][i]) / (ms[0][0][i] + ms[0][1][i]);
                }
                System.out.printf("%-22s %6.2f         %5.1f%%      %5.1f%%      %.3f%n", protocols.get(p).name(),
                        median(seconds[p]), 100.0 * agree / n, 100 * diff, median(ratio));
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
