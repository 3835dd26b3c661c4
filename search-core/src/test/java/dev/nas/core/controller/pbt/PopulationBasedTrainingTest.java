package dev.nas.core.controller.pbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.scoring.Reward;
import dev.nas.core.search.Search;
import dev.nas.core.search.SearchListener;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.Decision;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.StudyView;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.Epochs;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PopulationBasedTrainingTest {

    private static final SearchSpace MOBILE = Spaces.shipped("mobile");

    private static StudySpec spec(double budget) {
        return new StudySpec("mobile", MOBILE, Spaces.text("mobile"), "mobile.yaml", ControllerSpec.preset("pbt"), 4,
                budget,
                new Epochs(1, 4), new DataRef.Images("none", "0"));
    }

    private static List<Trial> run(double budget) {
        Study study = new Study(spec(budget), new InMemoryStorage(), new PopulationBasedTraining(4, 0.25),
                InstantSource.system());
        new Search(study, Fakes.evaluator(MOBILE), Fakes.latency(MOBILE), new SearchListener() { },
                InstantSource.system(), Search.Limits.DEFAULT).run();
        return study.trials();
    }

    private static double reward(Trial trial) {
        return Reward.of(MOBILE.objective(), trial.evaluation().orElseThrow().scores());
    }

    private static String architecture(Candidate candidate) {
        return candidate.key().substring(0, candidate.key().indexOf('|'));
    }

    @Test
    void theBottomMemberTakesATopMembersWeightsAndArchitectureAndPerturbsOnlyHyperparameters() {
        List<Trial> trials = run(2);   // 4 members x 4 one-epoch steps = 16 epochs = 4 full trainings; half of it
        assertEquals(8, trials.size());
        List<Trial> firstStep = trials.subList(0, 4);
        for (Trial next : trials.subList(4, 8)) {
            Trial parent = trials.get(next.parent().orElseThrow().trial());
            assertEquals(next.attributes().get(PopulationBasedTraining.STEP), "1");
            assertEquals(1, next.epochs());
            assertEquals(2, next.fidelity());
            if (next.attributes().containsKey(PopulationBasedTraining.EXPLOITED)) {
                assertNotEquals(next.attributes().get(PopulationBasedTraining.MEMBER),
                        parent.attributes().get(PopulationBasedTraining.MEMBER), "weights of another member");
                assertEquals(architecture(parent.candidate()), architecture(next.candidate()));
                double best = firstStep.stream().mapToDouble(PopulationBasedTrainingTest::reward).max().orElseThrow();
                assertEquals(best, reward(parent), "the top quarter of 4: the best");
            } else {
                assertEquals(next.attributes().get(PopulationBasedTraining.MEMBER),
                        parent.attributes().get(PopulationBasedTraining.MEMBER), "its own weights");
                assertEquals(parent.candidate(), next.candidate());
            }
        }
        assertTrue(trials.subList(4, 8).stream()
                .anyMatch(t -> t.attributes().containsKey(PopulationBasedTraining.EXPLOITED)), "someone exploits");
    }

    @Test
    void exploringStaysInTheSpaceAndKeepsTheArchitecture() {
        SplittableRandom random = new SplittableRandom(2);
        int changed = 0;
        for (int i = 0; i < 200; i++) {
            Candidate candidate = MOBILE.codec().sample(random);
            Candidate explored = PopulationBasedTraining.explore(MOBILE.codec(), candidate, random);
            MOBILE.check(explored);
            assertEquals(architecture(candidate), architecture(explored));
            changed += explored.equals(candidate) ? 0 : 1;
        }
        assertTrue(changed > 150, changed + " of 200 explored candidates changed");
    }

    @Test
    void stepsAndBudgetAddUpAndEveryDecisionIsRebuiltFromTheTrialsBeforeIt() {
        List<Trial> trials = run(4);
        assertEquals(16, trials.size());
        assertEquals(4.0, spec(4).spent(trials), 1e-9);
        assertEquals(4, spec(4).fullFidelity(trials).size(), "each member trains to the full 4 epochs");
        PopulationBasedTraining pbt = new PopulationBasedTraining(4, 0.25);
        for (int k = 0; k < trials.size(); k++) {
            Decision.Start again = (Decision.Start) pbt.ask(new StudyView(spec(4), trials.subList(0, k)));
            Trial original = trials.get(k);
            assertEquals(List.of(original.candidate(), original.parent(), original.attributes()),
                    List.of(again.candidate(), again.parent(), again.attributes()), "trial " + k);
        }
    }
}
