package dev.nas.core.controller.halving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.scoring.Ranking;
import dev.nas.core.scoring.Reward;
import dev.nas.core.search.Search;
import dev.nas.core.search.SearchListener;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Controller;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.Decision;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.StudyView;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Completed;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.Epochs;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.Cost;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalvingTest {

    private static final SearchSpace MOBILE = Spaces.shipped("mobile");

    private static final ControllerSpec SHA = new ControllerSpec.Halving(3, Ranking.REWARD, false);

    private static StudySpec spec(ControllerSpec controller, double budget) {
        return new StudySpec("mobile", MOBILE, Spaces.text("mobile"), "mobile.yaml", controller, 5, budget,
                new Epochs(1, 9), new DataRef.Images("none", "0"));
    }

    /** Runs a whole study with the fake evaluator and returns its trials. */
    private static List<Trial> run(ControllerSpec controller, double budget) {
        StudySpec spec = spec(controller, budget);
        Study study = new Study(spec, new InMemoryStorage(), Controllers.create(controller), InstantSource.system());
        new Search(study, Fakes.evaluator(MOBILE), Fakes.latency(MOBILE), new SearchListener() { },
                InstantSource.system(), Search.Limits.DEFAULT).run();
        return study.trials();
    }

    private static int rung(Trial trial) {
        return Integer.parseInt(trial.attributes().get(Ladder.RUNG));
    }

    private static double reward(Trial trial) {
        return Reward.of(MOBILE.objective(), trial.evaluation().orElseThrow().scores());
    }

    @Test
    void rungsDivideTheFullEpochsByPowersOfEta() {
        assertEquals(List.of(1, 3, 9), Rungs.of(new Epochs(1, 9), 3).epochs());
        assertEquals(List.of(1, 4), Rungs.of(new Epochs(1, 4), 3).epochs());
        assertEquals(List.of(3, 9, 27), Rungs.of(new Epochs(2, 27), 3).epochs());
        assertEquals(List.of(2), Rungs.of(Epochs.fixed(2), 3).epochs());
    }

    @Test
    void successiveHalvingPromotesExactlyTheTopThirdFromTheirCheckpoints() {
        // One bracket: 9 candidates x 1 epoch, 3 continued by 2 epochs, 1 continued by 6: 21 epochs = 21/9 budget.
        List<Trial> trials = run(SHA, 21 / 9.0);
        assertEquals(13, trials.size());
        List<Trial> first = trials.stream().filter(t -> rung(t) == 0).toList();
        List<Trial> second = trials.stream().filter(t -> rung(t) == 1).toList();
        List<Trial> third = trials.stream().filter(t -> rung(t) == 2).toList();
        assertEquals(List.of(9, 3, 1), List.of(first.size(), second.size(), third.size()));

        List<Integer> topThird = first.stream().sorted(Comparator.comparingDouble(t -> -reward(t))).limit(3)
                .map(Trial::number).sorted().toList();
        assertEquals(topThird, second.stream().map(t -> t.parent().orElseThrow().trial()).sorted().toList());
        Trial bestOfSecond = second.stream().max(Comparator.comparingDouble(HalvingTest::reward)).orElseThrow();
        assertEquals(new Parent(bestOfSecond.number(), 3), third.get(0).parent().orElseThrow());
        for (Trial t : second) {
            Trial parent = trials.get(t.parent().orElseThrow().trial());
            assertEquals(parent.candidate(), t.candidate(), "a promotion continues the same candidate");
            assertEquals(2, t.epochs());
            assertEquals(List.of(2, 3), t.evaluation().orElseThrow().epochs().stream()
                    .map(EpochRecord::epoch).toList(), "epochs count on from the parent's");
        }
        assertEquals(9, third.get(0).fidelity());
        assertEquals(21 / 9.0, spec(SHA, 21 / 9.0).spent(trials), 1e-9, "budget counts epochs trained");
        assertEquals(List.of(third.get(0)), spec(SHA, 21 / 9.0).front(trials),
                "only full-fidelity trials are on the front");
    }

    @Test
    void hyperbandCyclesThroughBracketsThatStartHigherAndFewer() {
        // Bracket 0 (s=2): 9 at 1 epoch; bracket 1 (s=1): 6 at 3 epochs; bracket 2 (s=0): 3 at 9 epochs.
        List<Trial> trials = run(new ControllerSpec.Halving(3, Ranking.REWARD, true),
                21 / 9.0 + 6 * 3 / 9.0 + 2 * 6 / 9.0 + 3);
        Map<String, Long> starts = trials.stream().filter(t -> t.parent().isEmpty())
                .collect(java.util.stream.Collectors.groupingBy(
                        t -> t.attributes().get(Ladder.BRACKET) + "@" + t.epochs(),
                        java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        assertEquals(Map.of("0@1", 9L, "1@3", 6L, "2@9", 3L), starts);
        assertEquals(2, trials.stream().filter(t -> "1".equals(t.attributes().get(Ladder.BRACKET))
                && rung(t) == 2).count(), "bracket 1 keeps the top third of 6");
    }

    @Test
    void ashaPromotesAsSoonAsARungHasSeenEtaTrials() {
        List<Trial> trials = run(new ControllerSpec.AsyncHalving(3, Ranking.REWARD), 5 / 9.0);
        assertEquals(List.of(0, 0, 0, 1), trials.stream().map(HalvingTest::rung).toList());
        Trial best = trials.subList(0, 3).stream().max(Comparator.comparingDouble(HalvingTest::reward)).orElseThrow();
        assertEquals(new Parent(best.number(), 1), trials.get(3).parent().orElseThrow());
    }

    @Test
    void everyDecisionIsRebuiltFromTheTrialsBeforeIt() {
        for (ControllerSpec spec : List.of(new ControllerSpec.Halving(3, Ranking.PARETO, true),
                new ControllerSpec.AsyncHalving(3, Ranking.REWARD))) {
            List<Trial> trials = run(spec, 6);
            Controller controller = Controllers.create(spec);
            for (int k = 0; k < trials.size(); k++) {
                Decision.Start again = (Decision.Start) controller.ask(
                        new StudyView(spec(spec, 6), trials.subList(0, k)));
                Trial original = trials.get(k);
                assertEquals(List.of(original.candidate(), original.parent(), original.epochs(),
                                original.attributes()),
                        List.of(again.candidate(), again.parent(), again.epochs(), again.attributes()),
                        "trial " + k);
            }
        }
    }

    @Test
    void paretoPromotionKeepsTradeOffsThatTheRewardWouldDrop() {
        ObjectiveSpec objective = MOBILE.objective();
        Trial accurateButSlow = trial(0, 0.95, 30);
        Trial fast = trial(1, 0.86, 3);
        Trial dominatedByFast = trial(2, 0.85, 3.1);
        List<Trial> rung = List.of(accurateButSlow, fast, dominatedByFast);
        assertEquals(List.of(1, 2, 0), numbers(Ranking.REWARD.order(objective, rung)));
        List<Integer> pareto = numbers(Ranking.PARETO.order(objective, rung));
        assertEquals(2, pareto.get(2), "the dominated trial comes last");
        assertTrue(pareto.subList(0, 2).containsAll(List.of(0, 1)));
    }

    private static List<Integer> numbers(List<Trial> trials) {
        return trials.stream().map(Trial::number).toList();
    }

    private static Trial trial(int number, double accuracy, double latencyMs) {
        Candidate candidate = MOBILE.codec().sample(new SplittableRandom(number));
        Evaluation evaluation = new Evaluation(List.of(new EpochRecord(1, 1, accuracy, 1)),
                new Latency(latencyMs, 0.1, 10, LatencySource.MEASURED, Fakes.CONDITIONS), new Cost(1000, 1000), 1,
                1);
        return Trial.start(number, candidate, number, Optional.empty(), 1, Map.of(Ladder.RUNG, "0"), Instant.EPOCH)
                .finish(new Completed(evaluation), Instant.EPOCH);
    }
}
