package dev.nas.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.bayes.BayesianOptimization;
import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.controller.evolution.Evolution;
import dev.nas.core.search.Search;
import dev.nas.core.search.SearchListener;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Completed;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.Epochs;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A study warm-started with an earlier one's trials, and a study with candidates queued: what the controller sees,
 * what the budget counts, and that a queued candidate is taken once, first and in order, whatever stops the search.
 */
class WarmStartAndQueueTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    /** The completed trials of a finished search of the tiny space, as a warm start. */
    private static WarmStart earlier(String controller, double budget, long seed) {
        return earlier(Fakes.spec("tiny", controller, budget, seed));
    }

    private static WarmStart earlier(StudySpec spec) {
        InMemoryStorage storage = new InMemoryStorage();
        new Search(new Study(spec, storage, Controllers.create(spec.controller()), InstantSource.system()),
                Fakes.synthetic(spec.space()), Fakes.latency(spec.space()), SearchListener.NONE,
                InstantSource.system(), Search.Limits.DEFAULT).run();
        return WarmStart.of("memory:earlier", spec.fullFidelity(storage.trials()), t -> "trial " + t.number());
    }

    /** The tiny space trained 1 to 9 epochs, for the rungs of successive halving and the steps of PBT. */
    private static StudySpec ranged(String controller, double budget, long seed) {
        StudySpec base = Fakes.spec("tiny", controller, budget, seed);
        return new StudySpec(base.name(), base.space(), base.spaceYaml(), base.spaceOrigin(), base.controller(),
                seed, budget, new Epochs(1, 9), base.data());
    }

    private static Search search(StudySpec spec, InMemoryStorage storage) {
        return new Search(new Study(spec, storage, Controllers.create(spec.controller()), InstantSource.system()),
                Fakes.synthetic(spec.space()), Fakes.latency(spec.space()), SearchListener.NONE,
                InstantSource.system(), Search.Limits.DEFAULT);
    }

    @Test
    void warmTrialsAreNumberedBelowZeroWithoutParentsOrTheirControllersMemory() {
        WarmStart warm = earlier(ranged("asha", 6, 3));
        assertTrue(warm.trials().size() >= 2, warm.trials().toString());
        assertTrue(warm.trials().stream().anyMatch(t -> t.epochsSpent() < 9), "promoted trials lose their parent");
        for (int i = 0; i < warm.trials().size(); i++) {
            Trial t = warm.trials().get(i);
            assertEquals(i - warm.trials().size(), t.number());
            assertTrue(t.warmStart());
            assertEquals(Optional.empty(), t.parent());
            assertEquals(Set.of(WarmStart.FROM), t.attributes().keySet(), "the rung was the other study's");
            assertTrue(t.attributes().get(WarmStart.FROM).startsWith("trial "));
        }
        Trial own = Trial.start(0, warm.trials().get(0).candidate(), 1, 1, Map.of(WarmStart.FROM, "trial 0"), T0)
                .finish(warm.trials().get(0).outcome().orElseThrow(), T0);
        assertThrows(IllegalArgumentException.class, () -> new WarmStart("x", List.of(own)),
                "a trial numbered as the study's own is no warm-start trial");
    }

    @Test
    void warmTrialsAreKnownToTheControllerButNotCountedAsTheStudysOwn() {
        WarmStart warm = earlier("random", 12, 5);
        StudySpec spec = Fakes.spec("tiny", "bayes", 6, 6);
        InMemoryStorage storage = new InMemoryStorage(warm.trials());
        Search.Result result = search(spec, storage).run();
        assertEquals(Search.Ending.DONE, result.ending(), result.message());

        List<Trial> own = storage.trials();
        assertEquals(6, own.size(), "the budget of 6 is the study's own trainings: warm trials spent none of it");
        assertEquals(List.of(0, 1, 2, 3, 4, 5), own.stream().map(Trial::number).toList());
        assertEquals(6.0, spec.spent(own));
        assertTrue(own.get(0).attributes().containsKey(BayesianOptimization.ACQUISITION),
                "with 12 warm trials, more than its 8 random ones, bayes models from its first ask: "
                        + own.get(0).attributes());
        Set<Candidate> known = warm.trials().stream().map(Trial::candidate).collect(Collectors.toSet());
        own.forEach(t -> assertFalse(known.contains(t.candidate()), "trial " + t.number() + " tried a known one"));
        assertTrue(spec.front(own).stream().noneMatch(Trial::warmStart));
    }

    @Test
    void evolutionsFirstPopulationIsTheWarmStart() {
        WarmStart warm = earlier("random", 12, 5);
        StudySpec spec = Fakes.spec("tiny", "evolution", 1, 6);
        InMemoryStorage storage = new InMemoryStorage(warm.trials());
        search(spec, storage).run();
        String parent = storage.trials().get(0).attributes().get(Evolution.PARENT);
        assertTrue(parent != null && Integer.parseInt(parent) < 0, "the first child's parent is a warm-start "
                + "trial: " + storage.trials().get(0).attributes());
        assertEquals(Optional.empty(), storage.trials().get(0).parent(), "its candidate, not its weights");
    }

    @Test
    void weightContinuingControllersNeverContinueFromAWarmTrial() {
        for (String controller : List.of("asha", "hyperband", "pbt")) {
            WarmStart warm = earlier(ranged(controller, 6, 3));
            StudySpec spec = ranged(controller, 6, 4);
            InMemoryStorage storage = new InMemoryStorage(warm.trials());
            search(spec, storage).run();
            assertTrue(storage.trials().stream().anyMatch(t -> t.parent().isPresent()), controller + " continued "
                    + "none of its own trials: the test shows nothing");
            Set<Candidate> known = warm.trials().stream().map(Trial::candidate).collect(Collectors.toSet());
            for (Trial t : storage.trials()) {
                assertTrue(t.parent().map(Parent::trial).orElse(0) >= 0, controller + ": " + t);
                assertTrue(t.parent().isPresent() || !known.contains(t.candidate()),
                        controller + " started a fresh trial of a known candidate: " + t);
            }
        }
    }

    @Test
    void queuedCandidatesAreTriedFirstInOrderOnceEachAndCountInTheBudget() {
        StudySpec spec = Fakes.spec("tiny", "random", 4, 2);
        InMemoryStorage storage = new InMemoryStorage();
        SplittableRandom random = new SplittableRandom(8);
        List<Candidate> queued = List.of(spec.space().codec().sample(random), spec.space().codec().sample(random));
        storage.enqueue(queued, "--key", T0);
        Study study = new Study(spec, storage, Controllers.create("random"), InstantSource.system());

        Trial first = study.ask().orElseThrow();
        assertEquals(queued.get(0), first.candidate());
        assertEquals("0", first.attributes().get(Study.ENQUEUED));
        assertEquals(spec.fullEpochs(), first.epochs());
        // The search is killed here: the next one takes the trial over, and the queue offers the second candidate.
        storage.forgetHolders();
        Study resumed = new Study(spec, storage, Controllers.create("random"), InstantSource.system());
        assertEquals(first, resumed.ask().orElseThrow(), "the trial left running is taken over as it was");
        Trial second = resumed.ask().orElseThrow();
        assertEquals(queued.get(1), second.candidate());
        assertEquals("1", second.attributes().get(Study.ENQUEUED));
        assertEquals(List.of(), Study.waiting(storage.queue(), storage.trials()));
        Trial third = resumed.ask().orElseThrow();
        assertFalse(third.attributes().containsKey(Study.ENQUEUED), "then the controller's: " + third);
        resumed.tell(first, new Completed(new Evaluation(List.of(new EpochRecord(1, 1, 0.5, 1)),
                Fakes.latency(spec.space()).latency(first.candidate()),
                Cost.of(NetworkPlan.of(spec.space(), first.candidate())), 1, 1)));
        assertEquals(3.0, study.spent(), "queued trials are the study's own: they spend its budget");

        storage.enqueue(List.of(queued.get(0)), "baseline.yaml", T0.plusSeconds(60));
        Trial again = resumed.ask().orElseThrow();
        assertEquals(queued.get(0), again.candidate(), "a candidate queued again is tried again");
        assertEquals("2", again.attributes().get(Study.ENQUEUED));
        assertEquals(Optional.empty(), resumed.ask(), "the budget of 4 is spent");
        Map<String, Integer> taken = new HashMap<>();
        storage.trials().forEach(t -> taken.merge(String.valueOf(t.attributes().get(Study.ENQUEUED)), 1,
                Integer::sum));
        assertEquals(Map.of("0", 1, "1", 1, "2", 1, "null", 1), taken);
    }
}
