package dev.nas.core.controller.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.scoring.Front;
import dev.nas.core.search.Search;
import dev.nas.core.search.SearchListener;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Decision;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.StudyView;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Trial;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.yaml.SpaceLoader;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectedHypervolumeImprovementTest {

    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    /** The trials of an ehvi search of {@code spec} to its budget, with the fake accuracy and latency. */
    private static List<Trial> searched(StudySpec spec) {
        InMemoryStorage storage = new InMemoryStorage();
        new Search(new Study(spec, storage, Controllers.create(spec.controller()), InstantSource.system()),
                Fakes.evaluator(spec.space()), Fakes.latency(spec.space()), SearchListener.NONE,
                InstantSource.system(), Search.Limits.DEFAULT).run();
        return storage.trials();
    }

    private static Decision.Start ask(StudySpec spec, List<Trial> trials) {
        return assertInstanceOf(Decision.Start.class,
                new ExpectedHypervolumeImprovement(8).ask(new StudyView(spec, trials)));
    }

    @Test
    void theSameTrialsAskTheSameCandidateOfAResumedStudy() {
        StudySpec spec = Fakes.spec("tiny", "ehvi", 14, 4);
        List<Trial> trials = searched(spec);
        Decision.Start first = ask(spec, trials);
        Decision.Start again = ask(spec, List.copyOf(trials));
        assertEquals(first, again, "a fresh controller shown the stored trials");
        assertTrue(Double.parseDouble(first.attributes().get(ExpectedHypervolumeImprovement.ACQUISITION)) > 0,
                first.attributes().toString());
        assertTrue(trials.stream().noneMatch(t -> t.candidate().equals(first.candidate())), "an untried candidate");
    }

    /**
     * Three workers ask in turn, each while the others' proposals are running: each gets another candidate, and the
     * improvement still on offer shrinks, since a running trial is fantasised at its predicted objectives.
     */
    @Test
    void runningTrialsAreFantasisedSoWorkersAskingAtOnceGetDifferentProposals() {
        StudySpec spec = Fakes.spec("tiny", "ehvi", 14, 6);
        List<Trial> trials = new ArrayList<>(searched(spec));
        Set<String> proposed = new HashSet<>();
        double previous = Double.POSITIVE_INFINITY;
        for (int worker = 0; worker < 3; worker++) {
            Decision.Start proposal = ask(spec, trials);
            assertTrue(proposed.add(proposal.candidate().key()), "worker " + worker + " asked a running candidate");
            double value = Double.parseDouble(proposal.attributes().get(ExpectedHypervolumeImprovement.ACQUISITION));
            assertTrue(value <= previous, "worker " + worker + ": " + value + " after " + previous);
            previous = value;
            trials.add(Trial.start(trials.size(), proposal.candidate(), worker, spec.fullEpochs(), Map.of(), T0));
        }
    }

    @Test
    void withThreeObjectivesItSearchesTheirFront() {
        String yaml = Spaces.text("tiny").replace("objective:\n",
                "objective:\n  pareto: [accuracy, latency, params]\n");
        assertNotEquals(Spaces.text("tiny"), yaml, "the tiny space's objective section changed");
        SearchSpace space = SpaceLoader.parse(yaml, "tiny3.yaml");
        StudySpec base = Fakes.spec("tiny", "ehvi", 14, 9);
        StudySpec spec = new StudySpec(base.name(), space, yaml, base.spaceOrigin(), ControllerSpec.preset("ehvi"),
                9, 14, space.training().epochs(), base.data());
        List<Trial> trials = searched(spec);
        assertTrue(trials.size() >= 14, trials.size() + " trials");
        Decision.Start next = ask(spec, trials);
        assertTrue(Double.parseDouble(next.attributes().get(ExpectedHypervolumeImprovement.ACQUISITION)) > 0);
        assertTrue(trials.stream().noneMatch(t -> t.candidate().equals(next.candidate())), "an untried candidate");
        assertEquals(next, ask(spec, List.copyOf(trials)));
        assertEquals(3, Front.maximised(space.objective(), trials.get(0).evaluation().orElseThrow().scores()).length);
    }
}
