package dev.nas.core.controller;

import dev.nas.core.scoring.Ranking;
import dev.nas.space.BadInput;
import dev.nas.space.Epochs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which controller a study runs, with every parameter: stored with the study, so that a resume runs exactly what
 * the study started with and a change of defaults here never changes a study already under way. A controller is
 * named by a preset ({@code asha}: asynchronous successive halving with its defaults) and may override parameters,
 * on the command line's preset or in the space's {@code controller:} section:
 *
 * <pre>{@code
 * ControllerSpec asha = ControllerSpec.of("asha", Map.of("eta", "4"));   // asha (eta 4)
 * asha.name();          // "asha"
 * asha.parameters();    // {eta=4}
 * }</pre>
 */
public sealed interface ControllerSpec {

    /** Every preset, in the order the command line lists them. */
    List<String> PRESETS = List.of("random", "grid", "sha", "hyperband", "asha", "sha-pareto", "hyperband-pareto",
            "asha-pareto", "rl", "evolution", "nsga2", "bayes", "bayes-ucb", "parego", "ehvi",
            "pbt");

    /** The preset this controller is a variant of. */
    String name();

    /** The parameters that can be set, by key, as stored and shown. */
    Map<String, String> parameters();

    /** Whether it trains trials for fewer than the full epochs, so that the space must give epochs as a range. */
    default boolean multiFidelity() {
        return false;
    }

    /**
     * Refuses a multi-fidelity controller for a study that trains every candidate for the same epochs: it would
     * never stop a trial early nor continue one, and search no better than random.
     */
    default void checkFits(Epochs epochs) {
        if (multiFidelity() && epochs.min() == epochs.max()) {
            throw new BadInput("controller " + name() + " trains candidates for fewer epochs first "
                    + "and continues the best, so it needs the space's epochs as a range (training: {epochs: {min: 1, "
                    + "max: 9}}); this study trains every candidate for " + epochs + " epoch(s)");
        }
    }

    /** In words, e.g. {@code asha (eta 3)}. */
    default String describe() {
        StringBuilder text = new StringBuilder(name());
        if (!parameters().isEmpty()) {
            text.append(" (");
            parameters().forEach((key, value) -> text.append(text.charAt(text.length() - 1) == '(' ? "" : ", ")
                    .append(key.replace('_', ' ')).append(' ').append(value));
            text.append(')');
        }
        return text.toString();
    }

    /**
     * The preset {@code name} with {@code overrides} of its parameters (values as text, as YAML or the database
     * give them); an unknown name or key, or a value out of range, throws {@link IllegalArgumentException} naming
     * it and what is allowed.
     */
    static ControllerSpec of(String name, Map<String, String> overrides) {
        ControllerSpec preset = preset(name);
        Map<String, String> parameters = new LinkedHashMap<>(preset.parameters());
        for (Map.Entry<String, String> override : new TreeMap<>(overrides).entrySet()) {
            if (!parameters.containsKey(override.getKey())) {
                throw new BadInput("controller." + override.getKey() + ": " + name + " has no such "
                        + "parameter (" + (parameters.isEmpty() ? "it has none" : "it has " + String.join(", ",
                        parameters.keySet())) + ")");
            }
            parameters.put(override.getKey(), override.getValue());
        }
        return preset.with(new Reader(parameters));
    }

    /** The preset {@code name} with its defaults. */
    static ControllerSpec preset(String name) {
        return switch (name) {
            case "random" -> new Random();
            case "grid" -> new Grid();
            case "sha" -> new Halving(3, Ranking.REWARD, false);
            case "hyperband" -> new Halving(3, Ranking.REWARD, true);
            case "sha-pareto" -> new Halving(3, Ranking.PARETO, false);
            case "hyperband-pareto" -> new Halving(3, Ranking.PARETO, true);
            case "asha" -> new AsyncHalving(3, Ranking.REWARD);
            case "asha-pareto" -> new AsyncHalving(3, Ranking.PARETO);
            case "rl" -> new PolicyGradient(0.3, 0.8, 0.001);
            // Real et al. used P = 100, S = 25 for 20,000 samples; these suit budgets of 50 to a few hundred.
            case "evolution" -> new Evolution(Evolution.Selection.AGING, 10, 3, false);
            case "nsga2" -> new Evolution(Evolution.Selection.NSGA2, 10, 2, false);
            case "bayes" -> new Bayesian(Bayesian.Acquisition.EXPECTED_IMPROVEMENT, false, 8);
            case "bayes-ucb" -> new Bayesian(Bayesian.Acquisition.UPPER_CONFIDENCE_BOUND, false, 8);
            case "parego" -> new Bayesian(Bayesian.Acquisition.EXPECTED_IMPROVEMENT, true, 8);
            case "ehvi" -> new HypervolumeBayesian(8);
            // Jaderberg et al. truncate the bottom and copy the top 20-25% of the population.
            case "pbt" -> new PopulationBased(8, 0.25);
            default -> throw new BadInput("unknown controller '" + name + "' (expected one of "
                    + String.join(", ", PRESETS) + ")");
        };
    }

    /** This kind of controller with the parameters {@code values} gives. */
    ControllerSpec with(Reader values);

    /** Uniform samples of the space at full fidelity, never the same candidate twice. */
    record Random() implements ControllerSpec {
        @Override
        public String name() {
            return "random";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public ControllerSpec with(Reader values) {
            return this;
        }
    }

    /** Every grid point once, in a seeded order that covers the grid evenly when stopped early. */
    record Grid() implements ControllerSpec {
        @Override
        public String name() {
            return "grid";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public ControllerSpec with(Reader values) {
            return this;
        }
    }

    /**
     * Synchronous successive halving, or Hyperband's brackets of it.
     *
     * @param eta     the reduction factor: the top 1/eta of a rung continue to the next, eta times longer
     * @param ranking how a rung is ranked for promotion
     */
    record Halving(int eta, Ranking ranking, boolean hyperband) implements ControllerSpec {
        public Halving {
            Reader.atLeast("eta", eta, 2);
        }

        @Override
        public String name() {
            return (hyperband ? "hyperband" : "sha") + (ranking == Ranking.PARETO ? "-pareto" : "");
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("eta", Integer.toString(eta));
        }

        @Override
        public boolean multiFidelity() {
            return true;
        }

        @Override
        public ControllerSpec with(Reader values) {
            return new Halving(values.integer("eta"), ranking, hyperband);
        }
    }

    /** Asynchronous successive halving: promotes as soon as a trial is in the top 1/eta its rung has seen. */
    record AsyncHalving(int eta, Ranking ranking) implements ControllerSpec {
        public AsyncHalving {
            Reader.atLeast("eta", eta, 2);
        }

        @Override
        public String name() {
            return "asha" + (ranking == Ranking.PARETO ? "-pareto" : "");
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("eta", Integer.toString(eta));
        }

        @Override
        public boolean multiFidelity() {
            return true;
        }

        @Override
        public ControllerSpec with(Reader values) {
            return new AsyncHalving(values.integer("eta"), ranking);
        }
    }

    /**
     * MnasNet's controller: a softmax policy over every choice trained by REINFORCE.
     *
     * @param learningRate  step on the logits per unit of standardised advantage
     * @param baselineDecay weight of the past in the moving average of rewards
     * @param entropyWeight bonus that keeps the policy exploring
     */
    record PolicyGradient(double learningRate, double baselineDecay, double entropyWeight) implements ControllerSpec {
        public PolicyGradient {
            Reader.positive("learning_rate", learningRate);
            Reader.within("baseline_decay", baselineDecay, 0, 1);
            Reader.within("entropy_weight", entropyWeight, 0, 1);
        }

        @Override
        public String name() {
            return "rl";
        }

        @Override
        public Map<String, String> parameters() {
            return ordered("learning_rate", learningRate, "baseline_decay", baselineDecay, "entropy_weight",
                    entropyWeight);
        }

        @Override
        public ControllerSpec with(Reader values) {
            return new PolicyGradient(values.real("learning_rate"), values.real("baseline_decay"),
                    values.real("entropy_weight"));
        }
    }

    /**
     * Regularized (aging) evolution or NSGA-II.
     *
     * @param population the trials the parent is chosen from
     * @param tournament the trials sampled for a parent (aging evolution) or a selection round (NSGA-II)
     * @param inheritWeights whether a child starts from its parent's trained weights in every layer the mutation
     *                   left the same shape (weight inheritance, as in Real et al. 2019's large-scale evolution)
     */
    record Evolution(Selection selection, int population, int tournament, boolean inheritWeights)
            implements ControllerSpec {

        /** How the population is kept and the parent chosen. */
        public enum Selection { AGING, NSGA2 }

        public Evolution {
            Reader.atLeast("population", population, 2);
            Reader.atLeast("tournament", tournament, 1);
            if (tournament > population) {
                throw new BadInput("controller.tournament: at most the population (" + population
                        + "), got " + tournament);
            }
        }

        @Override
        public String name() {
            return selection == Selection.AGING ? "evolution" : "nsga2";
        }

        @Override
        public Map<String, String> parameters() {
            return ordered("population", population, "tournament", tournament, "inherit_weights", inheritWeights);
        }

        @Override
        public ControllerSpec with(Reader values) {
            return new Evolution(selection, values.integer("population"), values.integer("tournament"),
                    values.bool("inherit_weights"));
        }
    }

    /**
     * Bayesian optimisation with a Gaussian process, on the reward or (ParEGO) on random scalarisations.
     *
     * @param initialRandom random trials before the Gaussian process takes over
     */
    record Bayesian(Acquisition acquisition, boolean parego, int initialRandom) implements ControllerSpec {

        /** What a proposal maximises. */
        public enum Acquisition { EXPECTED_IMPROVEMENT, UPPER_CONFIDENCE_BOUND }

        public Bayesian {
            Reader.atLeast("initial_random", initialRandom, 2);
        }

        @Override
        public String name() {
            return parego ? "parego" : acquisition == Acquisition.EXPECTED_IMPROVEMENT ? "bayes" : "bayes-ucb";
        }

        @Override
        public Map<String, String> parameters() {
            return ordered("initial_random", initialRandom);
        }

        @Override
        public ControllerSpec with(Reader values) {
            return new Bayesian(acquisition, parego, values.integer("initial_random"));
        }
    }

    /**
     * Multi-objective Bayesian optimisation: one Gaussian process per Pareto objective, proposals by expected
     * hypervolume improvement.
     *
     * @param initialRandom random trials before the Gaussian processes take over
     */
    record HypervolumeBayesian(int initialRandom) implements ControllerSpec {

        public HypervolumeBayesian {
            Reader.atLeast("initial_random", initialRandom, 2);
        }

        @Override
        public String name() {
            return "ehvi";
        }

        @Override
        public Map<String, String> parameters() {
            return ordered("initial_random", initialRandom);
        }

        @Override
        public ControllerSpec with(Reader values) {
            return new HypervolumeBayesian(values.integer("initial_random"));
        }
    }

    /**
     * Population-based training.
     *
     * @param members    the population
     * @param truncation the share of members at the bottom that copy one at the top
     */
    record PopulationBased(int members, double truncation) implements ControllerSpec {
        public PopulationBased {
            Reader.atLeast("members", members, 2);
            if (!(truncation > 0 && truncation <= 0.5)) {
                throw new BadInput("controller.truncation: a share in (0, 0.5], got " + truncation);
            }
        }

        @Override
        public String name() {
            return "pbt";
        }

        @Override
        public Map<String, String> parameters() {
            return ordered("members", members, "truncation", truncation);
        }

        @Override
        public boolean multiFidelity() {
            return true;
        }

        @Override
        public ControllerSpec with(Reader values) {
            return new PopulationBased(values.integer("members"), values.real("truncation"));
        }
    }

    private static Map<String, String> ordered(Object... keysAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            parameters.put((String) keysAndValues[i], Reader.text(keysAndValues[i + 1]));
        }
        return parameters;
    }

    /** Parameter values given as text, read with the key named in any complaint. */
    final class Reader {

        private final Map<String, String> values;

        Reader(Map<String, String> values) {
            this.values = values;
        }

        int integer(String key) {
            return read(key, Integer::parseInt, "a whole number");
        }

        boolean bool(String key) {
            String value = values.get(key).strip();
            if (!value.equals("true") && !value.equals("false")) {
                throw new BadInput("controller." + key + ": must be true or false, got '" + value + "'");
            }
            return Boolean.parseBoolean(value);
        }

        double real(String key) {
            double value = read(key, Double::parseDouble, "a number");
            if (!Double.isFinite(value)) {
                throw new BadInput("controller." + key + ": must be a finite number, got "
                        + values.get(key));
            }
            return value;
        }

        private <T> T read(String key, Function<String, T> parse, String what) {
            try {
                return parse.apply(values.get(key).strip());
            } catch (NumberFormatException e) {
                throw new BadInput("controller." + key + ": must be " + what + ", got '"
                        + values.get(key) + "'");
            }
        }

        static String text(Object value) {
            return value instanceof Double d ? stripZeros(String.format(Locale.ROOT, "%s", d)) : value.toString();
        }

        private static String stripZeros(String number) {
            return number.endsWith(".0") ? number.substring(0, number.length() - 2) : number;
        }

        static void atLeast(String key, int value, int least) {
            if (value < least) {
                throw new BadInput("controller." + key + ": must be at least " + least + ", got "
                        + value);
            }
        }

        static void positive(String key, double value) {
            if (!(value > 0) || !Double.isFinite(value)) {
                throw new BadInput("controller." + key + ": must be positive, got " + value);
            }
        }

        static void within(String key, double value, double low, double high) {
            if (!(value >= low && value <= high)) {
                throw new BadInput("controller." + key + ": must be in [" + text(low) + ", "
                        + text(high) + "], got " + value);
            }
        }
    }
}
