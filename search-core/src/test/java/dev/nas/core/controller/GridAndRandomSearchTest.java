package dev.nas.core.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Decision;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.StudyView;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GridAndRandomSearchTest {

    private static List<Trial> exhaust(String controller, double budget) {
        StudySpec spec = Fakes.spec("tiny", controller, budget, 5);
        InMemoryStorage storage = new InMemoryStorage();
        Study study = new Study(spec, storage, Controllers.create(controller), InstantSource.system());
        for (Optional<Trial> t = study.ask(); t.isPresent(); t = study.ask()) {
            study.tell(t.get(), new Failed("not trained", List.of(new EpochRecord(1, 1, 0, 0))));
        }
        return storage.trials();
    }

    @Test
    void gridVisitsEveryDistinctPointOnceThenStops() {
        List<Trial> trials = exhaust("grid", 10_000);
        Set<Candidate> distinct = new HashSet<>(trials.stream().map(Trial::candidate).toList());
        assertEquals(960, trials.size(), "every distinct network and learning rate of the tiny space");
        assertEquals(trials.size(), distinct.size());
        StudySpec spec = Fakes.spec("tiny", "grid", 10_000, 5);
        assertInstanceOf(Decision.Stop.class, Controllers.create("grid").ask(new StudyView(spec, trials)));
    }

    @Test
    void gridOrderIsSpreadOut() {
        List<Trial> first = exhaust("grid", 8);
        long ops = first.stream().map(t -> t.candidate().blocks().get(0).op().type()).distinct().count();
        assertEquals(3, ops, "eight points already vary the first block's op");
    }

    @Test
    void randomSearchDoesNotRepeatItself() {
        List<Trial> trials = exhaust("random", 300);
        assertEquals(300, new HashSet<>(trials.stream().map(Trial::candidate).toList()).size());
    }
}
