package dev.nas.runs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.StudySpec;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Completed;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.Epochs;
import dev.nas.space.LatencySpec;
import dev.nas.space.Spaces;
import dev.nas.space.plan.Cost;
import dev.nas.space.yaml.SpaceLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EngineChartTest {

    /** The tiny space measured in DL4J and compared with ONNX Runtime: DL4J across, ONNX Runtime up. */
    private final StudySpec spec = spec("{source: measured, compare_with: onnxruntime}");

    private static StudySpec spec(String latency) {
        String yaml = Spaces.text("tiny") + "\n  latency: " + latency + "\n";
        return new StudySpec("tiny", SpaceLoader.parse(yaml, "tiny compared"), yaml, "tiny.yaml",
                ControllerSpec.preset("random"), 1, 40, Epochs.fixed(1), new DataRef.Images("none", "0"));
    }

    private static Trial trial(int number, Candidate candidate, double dl4jMs, Optional<Double> onnxRuntimeMs) {
        Evaluation e = new Evaluation(List.of(new EpochRecord(1, 0.5, 0.8, 1)),
                new Latency(dl4jMs, 0, 1, LatencySource.MEASURED, Fakes.CONDITIONS), new Cost(1000, 1000), 1, 1,
                Optional.empty(), onnxRuntimeMs.map(ms -> new Latency(ms, 0, 1, LatencySource.MEASURED,
                Fakes.CONDITIONS)), Map.of());
        return Trial.start(number, candidate, number, 1, Map.of(), Instant.EPOCH).finish(new Completed(e),
                Instant.EPOCH);
    }

    private List<Candidate> distinct(int count) {
        SplittableRandom random = new SplittableRandom(5);
        Set<Object> seen = new HashSet<>();
        List<Candidate> candidates = new ArrayList<>();
        while (candidates.size() < count) {
            Candidate c = spec.space().codec().sample(random);
            if (seen.add(c.blocks())) {
                candidates.add(c);
            }
        }
        return candidates;
    }

    @Test
    void eachArchitectureTimedInBothEnginesIsOnePointAndTauComparesTheRankings() {
        List<Candidate> candidates = distinct(6);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // ONNX Runtime ranks them in the reverse order of DL4J: tau -1.
            trials.add(trial(i, candidates.get(i), 1.0 + i, Optional.of(0.1 * (6 - i))));
        }
        // The same blocks trained again (a promotion) take the latencies recorded before: one point, not two.
        trials.add(trial(6, candidates.get(0), 1.0, Optional.of(0.6)));
        trials.add(trial(7, distinct(7).get(6), 2.5, Optional.empty()));
        EngineChart.Engines engines = EngineChart.of(spec, trials).orElseThrow();
        assertEquals(6, engines.points().size());
        assertEquals(-1.0, engines.kendallTau(), 1e-12);
        assertEquals(LatencySpec.Engine.DL4J, engines.across());
        assertEquals("ONNX Runtime fp32", engines.up().describe());
        assertEquals(1.0, engines.points().get(0).acrossMs());
        assertEquals(0.6, engines.points().get(0).upMs(), 1e-12);
        assertEquals((3 / 0.4 + 4 / 0.3) / 2, engines.medianRatio(), 1e-9, "the middle two of DL4J 1..6 ms over "
                + "ONNX Runtime 0.6..0.1 ms");
        String svg = EngineChart.svg(engines);
        assertEquals(6, svg.split("<circle", -1).length - 1, svg);
        assertTrue(svg.contains("DL4J latency against ONNX Runtime fp32 latency of 6 architectures; Kendall&#39;s "
                + "tau -1.00"), svg);
    }

    /** Timed in int8 and compared with fp32 in ONNX Runtime: fp32 across, the int8 latencies (the trial's own) up. */
    @Test
    void int8ComparedWithFp32DrawsFp32Across() {
        StudySpec int8 = spec("{source: onnxruntime, precision: int8, compare_with: onnxruntime}");
        List<Candidate> candidates = distinct(2);
        EngineChart.Engines engines = EngineChart.of(int8, List.of(trial(0, candidates.get(0), 0.1, Optional.of(0.2)),
                trial(1, candidates.get(1), 0.3, Optional.of(0.4)))).orElseThrow();
        assertEquals("ONNX Runtime fp32", engines.across().describe());
        assertEquals("ONNX Runtime int8", engines.up().describe());
        assertEquals(0.2, engines.points().get(0).acrossMs());
        assertEquals(0.1, engines.points().get(0).upMs());
        assertEquals(1.0, engines.kendallTau(), 1e-12);
    }

    @Test
    void aStudyThatComparesNoEnginesHasNoChart() {
        List<Candidate> candidates = distinct(2);
        assertTrue(EngineChart.of(Fakes.spec("tiny", "random", 40, 1), List.of(trial(0, candidates.get(0), 1,
                Optional.of(0.1)), trial(1, candidates.get(1), 2, Optional.of(0.2)))).isEmpty());
    }

    @Test
    void withoutTwoArchitecturesInBothEnginesThereIsNoChart() {
        List<Candidate> candidates = distinct(3);
        assertTrue(EngineChart.of(spec, List.of(trial(0, candidates.get(0), 1, Optional.empty()),
                trial(1, candidates.get(1), 2, Optional.empty()))).isEmpty());
        assertTrue(EngineChart.of(spec, List.of(trial(0, candidates.get(0), 1, Optional.of(0.1)),
                trial(1, candidates.get(1), 2, Optional.empty()))).isEmpty());
    }
}
