package dev.nas.core.controller.pbt;

import dev.nas.core.controller.random.RandomSearch;
import dev.nas.core.scoring.Reward;
import dev.nas.core.study.Controller;
import dev.nas.core.study.Decision;
import dev.nas.core.study.StudyView;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.CandidateCodec;
import dev.nas.space.Choice;
import dev.nas.space.Dimension;
import dev.nas.space.Domain;
import dev.nas.space.ObjectiveSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Population-based training (Jaderberg et al. 2017): a population of members, each training in steps of a few
 * epochs, each step a trial that continues from the member's last checkpoint. When a member is ready for its next
 * step, it is ranked on the MnasNet reward against the members that have reached the same step; if it is in the
 * bottom {@code fraction} it exploits (takes a top-{@code fraction} member's weights, by naming that member's trial as
 * parent, and its candidate) and explores (perturbs the training hyperparameters: ranges x0.8 or x1.2, choices moved
 * to a neighbouring option with probability 1/4); otherwise it continues with its own. The architecture is never
 * perturbed, since the weights must fit it. Asynchronous, as in the paper: a member never waits for the others. A
 * member whose step failed exploits. When every member of a population has trained the study's full epochs, a new
 * population of random members starts.
 *
 * <p>Members and steps are kept in the trials' attributes {@value #MEMBER} and {@value #STEP}, so the population is
 * rebuilt from the trials on every ask. Members are the study's own trials: a warm-start trial, whose weights are not
 * in the study, is never exploited; it only keeps a new member from being a candidate the study knows already.
 */
public final class PopulationBasedTraining implements Controller {

    public static final String MEMBER = "pbt.member";
    public static final String STEP = "pbt.step";
    public static final String EXPLOITED = "pbt.exploited";

    private final int size;
    private final double fraction;

    public PopulationBasedTraining(int size, double fraction) {
        if (size < 2 || !(fraction > 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException("PBT needs at least 2 members and a fraction in (0, 0.5]");
        }
        this.size = size;
        this.fraction = fraction;
    }

    /** Epochs per step: the space's minimum epochs when epochs are a range, else one epoch. */
    static int stepEpochs(StudyView study) {
        var epochs = study.spec().epochs();
        return epochs.min() < epochs.max() ? epochs.min() : 1;
    }

    @Override
    public Decision ask(StudyView study) {
        int full = study.spec().fullEpochs();
        int step = stepEpochs(study);
        Map<Integer, List<Trial>> members = new TreeMap<>();
        for (Trial trial : study.trials()) {
            String member = trial.attributes().get(MEMBER);
            if (member != null) {
                members.computeIfAbsent(Integer.parseInt(member), m -> new ArrayList<>()).add(trial);
            }
        }
        int generation = members.isEmpty() ? 0 : members.keySet().stream().max(Integer::compare).get() / size;
        int first = generation * size;
        List<List<Trial>> population = new ArrayList<>();
        for (int m = first; m < first + size && members.containsKey(m); m++) {
            population.add(members.get(m));
        }
        if (population.size() < size) {
            return fresh(study, first + population.size(), Math.min(step, full));
        }
        ObjectiveSpec objective = study.spec().objective();
        SplittableRandom random = study.random();
        // The member furthest behind goes first, so that one worker keeps the population in step.
        List<Trial> latestByStep = population.stream().map(chain -> chain.get(chain.size() - 1))
                .sorted(Comparator.comparingInt((Trial t) -> Integer.parseInt(t.attributes().get(STEP)))
                        .thenComparingInt(t -> Integer.parseInt(t.attributes().get(MEMBER))))
                .toList();
        for (Trial latest : latestByStep) {
            if (latest.outcome().isEmpty() || latest.evaluation().map(e -> latest.fidelity() >= full).orElse(false)) {
                continue;
            }
            int stepIndex = Integer.parseInt(latest.attributes().get(STEP));
            int member = Integer.parseInt(latest.attributes().get(MEMBER));
            int epochs = Math.min(step, full - latest.fidelity());
            List<Trial> peers = population.stream().flatMap(List::stream)
                    .filter(t -> t.outcome().isPresent() && stepIndex == Integer.parseInt(t.attributes().get(STEP)))
                    .sorted(Comparator.comparingDouble((Trial t) -> -reward(objective, t))
                            .thenComparingInt(Trial::number))
                    .toList();
            int cut = Math.max(1, (int) Math.floor(peers.size() * fraction));
            boolean bottom = latest.evaluation().isEmpty() || peers.indexOf(latest) >= peers.size() - cut;
            List<Trial> top = peers.subList(0, cut).stream().filter(t -> t.evaluation().isPresent()).toList();
            if (bottom && !top.isEmpty() && !top.contains(latest)) {
                Trial donor = top.get(random.nextInt(top.size()));
                Candidate explored = explore(study.spec().space().codec(), donor.candidate(), random);
                return new Decision.Start(explored, Math.min(step, full - donor.fidelity()),
                        Map.of(MEMBER, Integer.toString(member), STEP, Integer.toString(stepIndex + 1),
                                EXPLOITED, Integer.toString(donor.number())),
                        Optional.of(new Parent(donor.number(), donor.fidelity())));
            }
            if (latest.evaluation().isPresent()) {
                return new Decision.Start(latest.candidate(), epochs,
                        Map.of(MEMBER, Integer.toString(member), STEP, Integer.toString(stepIndex + 1)),
                        Optional.of(new Parent(latest.number(), latest.fidelity())));
            }
        }
        // Every member is done, or training while the rest are done: a new population starts rather than a
        // worker idling.
        return fresh(study, first + size, Math.min(step, full));
    }

    private static double reward(ObjectiveSpec objective, Trial trial) {
        return trial.evaluation().map(e -> Reward.of(objective, e.scores())).orElse(Double.NEGATIVE_INFINITY);
    }

    private static Decision fresh(StudyView study, int member, int epochs) {
        Decision sampled = new RandomSearch().ask(study);
        if (!(sampled instanceof Decision.Start start)) {
            return sampled;
        }
        return new Decision.Start(start.candidate(), epochs,
                Map.of(MEMBER, Integer.toString(member), STEP, "0"));
    }

    /** The candidate with its training hyperparameters perturbed, within the space; the architecture unchanged. */
    static Candidate explore(CandidateCodec codec, Candidate candidate, SplittableRandom random) {
        double[] vector = codec.encode(candidate);
        List<Dimension<?>> dimensions = codec.dimensions();
        for (int d = 0; d < vector.length; d++) {
            if (!dimensions.get(d).name().startsWith("training.")) {
                continue;
            }
            Domain<?> domain = dimensions.get(d).domain();
            if (domain instanceof Choice<?> choice) {
                if (random.nextInt(4) == 0) {
                    int index = (int) vector[d] + (random.nextBoolean() ? 1 : -1);
                    vector[d] = Math.max(0, Math.min(choice.options().size() - 1, index));
                }
            } else {
                @SuppressWarnings("unchecked") Domain<Double> range = (Domain<Double>) domain;
                double value = range.decode(vector[d]) * (random.nextBoolean() ? 0.8 : 1.2);
                vector[d] = range.encode(value);
            }
        }
        return codec.decode(vector);
    }
}
