package dev.nas.core.controller.grid;

import dev.nas.core.study.Controller;
import dev.nas.core.study.Decision;
import dev.nas.core.study.Seeds;
import dev.nas.core.study.StudyView;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.CandidateCodec;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Visits every grid point once, at full fidelity. Points are taken in the order of a seeded affine permutation
 * {@code (a k + b) mod N}, so that a search stopped early has covered the grid evenly rather than only varied its
 * last dimension. Each trial keeps its position {@code k} in the attribute {@value #POSITION}; the next trial
 * continues after the highest stored one, so a resumed study neither repeats nor skips points. A point whose
 * candidate the study knows already (from a warm start, or queued and tried) is passed over.
 */
public final class GridSearch implements Controller {

    public static final String POSITION = "grid.position";
    private static final long PERMUTATION_STREAM = 0x4752_4944L;

    @Override
    public Decision ask(StudyView study) {
        CandidateCodec codec = study.spec().space().codec();
        long size = codec.gridSize();
        Permutation order = Permutation.seeded(size, study.spec().seed());
        long position = study.trials().stream()
                .map(t -> t.attributes().get(POSITION))
                .filter(p -> p != null)
                .mapToLong(Long::parseLong)
                .max().orElse(-1) + 1;
        Set<Candidate> known = study.known().stream().map(Trial::candidate).collect(Collectors.toSet());
        for (; position < size; position++) {
            Optional<Candidate> point = codec.gridPoint(order.apply(position));
            if (point.isPresent() && !known.contains(point.get())) {
                return new Decision.Start(point.get(), study.spec().fullEpochs(),
                        Map.of(POSITION, Long.toString(position)));
            }
        }
        return new Decision.Stop("all " + size + " grid points have been tried");
    }

    /** k -> (a k + b) mod n with gcd(a, n) = 1: a bijection on [0, n). */
    record Permutation(BigInteger a, BigInteger b, BigInteger n) {

        static Permutation seeded(long n, long seed) {
            SplittableRandom random = new SplittableRandom(Seeds.derive(seed, PERMUTATION_STREAM, 0));
            BigInteger size = BigInteger.valueOf(n);
            BigInteger a = BigInteger.valueOf(n > 1 ? 1 + random.nextLong(n - 1) : 1);
            while (!a.gcd(size).equals(BigInteger.ONE)) {
                a = a.add(BigInteger.ONE).mod(size);
            }
            return new Permutation(a, BigInteger.valueOf(random.nextLong(n)), size);
        }

        long apply(long k) {
            return a.multiply(BigInteger.valueOf(k)).add(b).mod(n).longValueExact();
        }
    }
}
