package dev.nas.core.controller.rl;

import java.util.random.RandomGenerator;

/**
 * A factorised softmax policy: independent logits per decision. MnasNet's controller is an LSTM that conditions each
 * decision on the previous ones; with a few hundred samples per search, a logit table learns as much and replays
 * exactly, which is what lets a resumed search rebuild it from its trials.
 */
final class Policy {

    private final double[][] logits;

    Policy(int[] sizes) {
        logits = new double[sizes.length][];
        for (int d = 0; d < sizes.length; d++) {
            logits[d] = new double[sizes[d]];
        }
    }

    double[] probabilities(int decision) {
        double[] z = logits[decision];
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    int[] sample(RandomGenerator random) {
        int[] actions = new int[logits.length];
        for (int d = 0; d < logits.length; d++) {
            double[] p = probabilities(d);
            double u = random.nextDouble();
            int a = 0;
            for (double cumulative = p[0]; u > cumulative && a < p.length - 1; cumulative += p[++a]) {
                // walk the cumulative distribution
            }
            actions[d] = a;
        }
        return actions;
    }

    /**
     * One REINFORCE step, theta += rate * (advantage * grad log pi(actions) + entropyWeight * grad H): for a softmax,
     * grad log pi(a) is onehot(a) - p, and grad H is -p (log p + H).
     */
    void reinforce(int[] actions, double advantage, double rate, double entropyWeight) {
        for (int d = 0; d < logits.length; d++) {
            double[] p = probabilities(d);
            double entropy = 0;
            for (double pi : p) {
                entropy -= pi > 0 ? pi * Math.log(pi) : 0;
            }
            for (int i = 0; i < p.length; i++) {
                double logPi = (i == actions[d] ? 1 : 0) - p[i];
                double entropyGradient = p[i] > 0 ? -p[i] * (Math.log(p[i]) + entropy) : 0;
                logits[d][i] += rate * (advantage * logPi + entropyWeight * entropyGradient);
            }
        }
    }
}
