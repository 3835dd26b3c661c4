package dev.nas.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Pruned;
import dev.nas.core.trial.Stopped;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The median stopping rule in a real search: a trial stops after the first epoch at which it is below the median of
 * the completed trials at that epoch, with its reason and its epochs counted, and never otherwise.
 */
class PrunerTest {

    private final StudySpec spec = Fakes.spec("bench", "random", 12, 1);
    private final InMemoryStorage storage = new InMemoryStorage();

    /** Learning curves that rise towards a level set by the candidate, stopping when asked between epochs. */
    private static final Evaluator CURVES = (request, onEpoch, stop) -> {
        double level = 0.2 + 0.7 * Math.floorMod(request.candidate().key().hashCode(), 1000) / 1000.0;
        List<EpochRecord> epochs = new ArrayList<>();
        for (int e = request.firstEpoch(); e <= request.lastEpoch(); e++) {
            if (stop.getAsBoolean()) {
                return new Stopped(epochs);
            }
            EpochRecord epoch = new EpochRecord(e, 1.0 / e, level * (1 - Math.exp(-e / 5.0)), 0.01);
            epochs.add(epoch);
            onEpoch.accept(epoch);
        }
        return new Trained(epochs, 0.01, 1000);
    };

    @Test
    void aTrialStopsAtTheFirstEpochBelowTheMedianOfCompletedTrialsAndItsEpochsAreCounted() {
        Study study = new Study(spec, storage, Controllers.create("random"), InstantSource.system());
        // One failure in a row would end the search: a pruned trial is none.
        Search.Result result = new Search(study, CURVES, Fakes.latency(spec.space()), new SearchListener() { },
                InstantSource.system(), new Search.Limits(1, Optional.empty(), Pruner.Median.DEFAULT)).run();
        assertEquals(Search.Ending.DONE, result.ending(), result.message());
        List<Trial> trials = storage.trials();
        int last = spec.fullEpochs();
        int pruned = 0;
        for (Trial trial : trials) {
            // Trials run one after another: the completed ones before it are what the rule saw.
            List<Trial> before = trials.subList(0, trial.number()).stream()
                    .filter(t -> t.state() == TrialState.COMPLETE).toList();
            List<EpochRecord> epochs = trial.outcome().orElseThrow().epochs();
            for (EpochRecord epoch : epochs) {
                double median = median(before, epoch.epoch());
                boolean below = before.size() >= 5 && epoch.epoch() < last && epoch.validationAccuracy() < median;
                boolean stoppedHere = trial.state() == TrialState.PRUNED && epoch == epochs.get(epochs.size() - 1);
                assertEquals(stoppedHere, below, "trial " + trial.number() + " after epoch " + epoch.epoch());
                if (stoppedHere) {
                    assertEquals(String.format(Locale.ROOT, "pruned after epoch %d: validation accuracy %.4f is "
                            + "below %.4f, the median of %d completed trials at that epoch", epoch.epoch(),
                            epoch.validationAccuracy(), median, before.size()),
                            ((Pruned) trial.outcome().orElseThrow()).reason());
                }
            }
            pruned += trial.state() == TrialState.PRUNED ? 1 : 0;
        }
        assertTrue(pruned > 0, "some trials fell behind");
        assertEquals(trials.stream().mapToInt(Trial::epochsSpent).sum() / (double) last, study.spent(), 1e-9);
        assertTrue(study.spent() <= spec.budget() + 1e-9);
        assertTrue(trials.size() > spec.budget() + 3, "the epochs pruned trials did not take went to other "
                + "candidates: " + trials.size() + " trials for a budget of " + spec.budget());
        assertTrue(spec.front(trials).stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    }

    @Test
    void withoutAPrunerEveryTrialTrainsItsEpochsAndUnknownRulesAreRefused() {
        Study study = new Study(spec, storage, Controllers.create("random"), InstantSource.system());
        new Search(study, CURVES, Fakes.latency(spec.space()), new SearchListener() { }, InstantSource.system(),
                new Search.Limits(1, Optional.empty(), Pruner.of("none"))).run();
        assertTrue(storage.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        assertEquals(12, storage.trials().size());
        assertEquals(Pruner.Median.DEFAULT, Pruner.of("median"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Pruner.of("hyper"));
        assertEquals("unknown pruner 'hyper' (expected none or median)", refused.getMessage());
    }

    private static double median(List<Trial> completed, int epoch) {
        double[] values = completed.stream().flatMap(t -> t.evaluation().orElseThrow().epochs().stream())
                .filter(e -> e.epoch() == epoch).mapToDouble(EpochRecord::validationAccuracy).sorted().toArray();
        int n = values.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
