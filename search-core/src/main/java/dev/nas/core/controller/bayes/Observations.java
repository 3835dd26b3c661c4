package dev.nas.core.controller.bayes;

import dev.nas.core.study.StudyView;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.CandidateCodec;
import dev.nas.space.Choice;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a Gaussian-process controller models, read from the study: the finished trials (warm-start trials first, then
 * the study's own, by number), the running ones, every candidate already tried, and the space's numeric encoding with
 * which of its dimensions are choices (compared only for equality by {@link GaussianProcess}).
 */
final class Observations {

    private final List<Trial> finished;
    private final List<Trial> running;
    private final Set<Candidate> tried;
    private final CandidateCodec codec;
    private final boolean[] categorical;

    private Observations(StudyView study) {
        finished = study.known().stream().filter(t -> t.outcome().isPresent())
                .sorted(Comparator.comparingInt(Trial::number)).toList();
        running = study.trials().stream().filter(t -> t.outcome().isEmpty()).toList();
        tried = study.known().stream().map(Trial::candidate).collect(Collectors.toSet());
        codec = study.spec().space().codec();
        categorical = new boolean[codec.dimensions().size()];
        for (int d = 0; d < categorical.length; d++) {
            categorical[d] = codec.dimensions().get(d).domain() instanceof Choice<?>;
        }
    }

    static Observations of(StudyView study) {
        return new Observations(study);
    }

    /** Whether there is enough to model: {@code initial} finished trials, at least one of them completed. */
    boolean modellable(int initial) {
        return finished.size() >= initial && finished.stream().anyMatch(t -> t.evaluation().isPresent());
    }

    List<Trial> finished() {
        return finished;
    }

    List<Trial> running() {
        return running;
    }

    Set<Candidate> tried() {
        return tried;
    }

    CandidateCodec codec() {
        return codec;
    }

    /** The encodings of {@code trials}' candidates, one row each. */
    double[][] encode(List<Trial> trials) {
        return trials.stream().map(t -> codec.encode(t.candidate())).toArray(double[][]::new);
    }

    /** The encodings of {@code candidates}, one row each. */
    double[][] encodeCandidates(List<Candidate> candidates) {
        return candidates.stream().map(codec::encode).toArray(double[][]::new);
    }

    /**
     * A Gaussian process of {@code targets}, one per finished trial, and of {@code pending}, one per running trial
     * (or none, for a model of the finished trials alone), with hyperparameters fitted on the finished trials by
     * {@link Refits}.
     */
    GaussianProcess model(double[] targets, double[] pending) {
        double[][] x = encode(finished);
        GaussianProcess.Hyperparameters h = Refits.hyperparameters(x, targets, categorical);
        if (pending.length == 0) {
            return new GaussianProcess(x, targets, categorical, h);
        }
        double[][] all = Arrays.copyOf(x, x.length + pending.length);
        System.arraycopy(encode(running), 0, all, x.length, pending.length);
        double[] y = Arrays.copyOf(targets, all.length);
        System.arraycopy(pending, 0, y, targets.length, pending.length);
        return new GaussianProcess(all, y, categorical, h);
    }

    /**
     * {@code targets} with every value that is not finite (a failed or pruned trial's) replaced by the worst finite
     * one, which steers the surrogate away from what fails.
     */
    static double[] failuresAsWorst(double[] targets) {
        double worst = Arrays.stream(targets).filter(Double::isFinite).min().orElse(0);
        return Arrays.stream(targets).map(t -> Double.isFinite(t) ? t : worst).toArray();
    }
}
