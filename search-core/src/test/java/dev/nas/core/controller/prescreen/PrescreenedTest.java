package dev.nas.core.controller.prescreen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.study.Controller;
import dev.nas.core.study.Decision;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.StudyView;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Parent;
import dev.nas.space.Candidate;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Prescreening trains the proposal the proxy scores highest, of the controller's own, and nothing else changes. */
class PrescreenedTest {

    private final StudySpec spec = Fakes.spec("mobile", "random", 10, 3);
    private final Controller random = Controllers.create("random");
    private final ToDoubleFunction<Candidate> params = c -> Cost.of(NetworkPlan.of(spec.space(), c)).params();

    @Test
    void theBestScoredOfTheControllersProposalsIsTrainedAndItsScoreKept() {
        StudyView view = new StudyView(spec, List.of(), 1);
        List<Candidate> proposals = new ArrayList<>();
        for (int redraw = 4; redraw < 8; redraw++) {
            proposals.add(((Decision.Start) random.ask(view.withRedraw(redraw))).candidate());
        }
        Candidate best = proposals.stream().max(Comparator.comparingDouble(params)).orElseThrow();
        Decision.Start chosen = (Decision.Start) new Prescreened(random, 4, "params", params).ask(view);
        assertEquals(best, chosen.candidate(), "redraw 1 of a study asks for draws 4 to 7 of the controller");
        assertEquals(String.format(java.util.Locale.ROOT, "params %.6g, best of 4", params.applyAsDouble(best)),
                chosen.attributes().get(Prescreened.ATTRIBUTE));
        assertEquals(spec.fullEpochs(), chosen.epochs());
    }

    @Test
    void continuationsAndStopsAreTheControllersAloneAndOneProposalIsRefused() {
        Candidate any = spec.space().codec().sample(new java.util.SplittableRandom(1));
        Decision continuation = new Decision.Start(any, 2, Map.of("rung", "1"), Optional.of(new Parent(0, 1)));
        assertSame(continuation, new Prescreened(study -> continuation, 4, "params", c -> {
            throw new AssertionError("a continuation is not scored");
        }).ask(new StudyView(spec, List.of())));
        Decision stop = new Decision.Stop("nothing left");
        assertSame(stop, new Prescreened(study -> stop, 4, "params", params).ask(new StudyView(spec, List.of())));
        assertThrows(IllegalArgumentException.class, () -> new Prescreened(random, 1, "params", params));
    }
}
