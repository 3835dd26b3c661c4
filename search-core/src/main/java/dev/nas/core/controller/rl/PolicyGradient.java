package dev.nas.core.controller.rl;

import dev.nas.core.controller.random.RandomSearch;
import dev.nas.core.scoring.Reward;
import dev.nas.core.study.Controller;
import dev.nas.core.study.Decision;
import dev.nas.core.study.StudyView;
import dev.nas.core.trial.Trial;
import dev.nas.space.Actions;
import dev.nas.space.Candidate;
import dev.nas.space.ObjectiveSpec;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * MnasNet's controller (Tan et al. 2019): a policy over every searched choice, trained by policy gradient on the
 * MnasNet reward, which already penalises latency over the target. REINFORCE with an exponential moving-average
 * baseline (Zoph and Le 2017); advantages are divided by a moving standard deviation of the reward, so that one
 * learning rate suits rewards that differ by 0.01 or by 0.3. A failed trial earns reward 0: the policy learns to
 * avoid what fails.
 *
 * <p>The policy is rebuilt on every ask by replaying the updates over the finished trials in trial order, the
 * warm-start trials first: a resumed search holds exactly the policy it had.
 */
public final class PolicyGradient implements Controller {

    private static final int DRAWS = 1000;

    private final double learningRate;
    private final double baselineDecay;
    private final double entropyWeight;

    /**
     * @param learningRate  step on the logits per unit of standardised advantage
     * @param baselineDecay weight of the past in the moving average of rewards (ENAS uses 0.95 over many more steps)
     * @param entropyWeight bonus that keeps the policy exploring
     */
    public PolicyGradient(double learningRate, double baselineDecay, double entropyWeight) {
        this.learningRate = learningRate;
        this.baselineDecay = baselineDecay;
        this.entropyWeight = entropyWeight;
    }

    /** The policy after learning from the finished trials of {@code study}. */
    Policy policy(StudyView study, Actions actions) {
        Policy policy = new Policy(actions.sizes());
        ObjectiveSpec objective = study.spec().objective();
        double baseline = Double.NaN;
        double variance = 0;
        for (Trial trial : study.known().stream().filter(t -> t.outcome().isPresent())
                .sorted(Comparator.comparingInt(Trial::number)).toList()) {
            double reward = trial.evaluation().map(e -> Reward.of(objective, e.scores())).orElse(0.0);
            if (Double.isNaN(baseline)) {
                baseline = reward;
                continue;
            }
            double advantage = reward - baseline;
            variance = baselineDecay * variance + (1 - baselineDecay) * advantage * advantage;
            policy.reinforce(actions.actions(trial.candidate()), advantage / Math.sqrt(variance + 1e-8),
                    learningRate, entropyWeight);
            baseline = baselineDecay * baseline + (1 - baselineDecay) * reward;
        }
        return policy;
    }

    @Override
    public Decision ask(StudyView study) {
        Actions actions = Actions.of(study.spec().space().codec());
        Policy policy = policy(study, actions);
        Set<Candidate> tried = study.known().stream().map(Trial::candidate).collect(Collectors.toSet());
        SplittableRandom random = study.random();
        for (int draw = 0; draw < DRAWS; draw++) {
            Candidate candidate = actions.candidate(policy.sample(random));
            if (!tried.contains(candidate)) {
                return new Decision.Start(candidate, study.spec().fullEpochs(), Map.of());
            }
        }
        // The policy has converged on candidates already tried: an untried random one keeps the search going.
        return new RandomSearch().ask(study);
    }
}
