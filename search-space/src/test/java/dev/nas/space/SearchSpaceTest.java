package dev.nas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.yaml.SpaceLoader;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    @Test
    void spacesThatDifferOnlyInNameObjectiveAndEpochsHoldTheSameCandidates() {
        String yaml = Spaces.text("bench");
        SearchSpace bench = Spaces.shipped("bench");
        SearchSpace renamed = SpaceLoader.parse(yaml.replace("name: bench", "name: other")
                .replace("target_latency_ms: 3.3", "target_latency_ms: 5")
                .replace("epochs: {min: 1, max: 27}", "epochs: 3"), "other.yaml");
        assertEquals(List.of(), bench.candidateDifferences(renamed));
    }

    @Test
    void differencesNameTheChoiceAndBothValues() {
        SearchSpace bench = Spaces.shipped("bench");
        SearchSpace wider = SpaceLoader.parse(Spaces.text("bench")
                .replace("    op: [conv, dwconv, mbconv]\n    kernel: [3, 5]",
                        "    op: [conv, dwconv, mbconv]\n    kernel: [3, 5, 7]")
                .replace("stem: {filters: 16, kernel: 3, stride: 2}", "stem: {filters: 8, kernel: 3, stride: 2}")
                .replace("schedule: cosine", "schedule: constant"), "wider.yaml");
        List<String> differences = bench.candidateDifferences(wider);
        assertTrue(differences.contains("blocks[1].kernel: [3, 5] vs [3, 5, 7]"), differences.toString());
        assertTrue(differences.stream().anyMatch(d -> d.startsWith("stem: ")), differences.toString());
        assertTrue(differences.contains("training.schedule: cosine vs constant"), differences.toString());
        assertEquals(3, differences.size(), differences.toString());
        assertTrue(Spaces.shipped("bench").candidateDifferences(Spaces.shipped("tiny")).size() > 0);
    }

    @Test
    void aSpaceWithEveryChoiceFixedHasOneCandidate() {
        SearchSpace bench = Spaces.shipped("bench");
        Candidate candidate = bench.codec().sample(new SplittableRandom(3));
        assertEquals(Optional.of(candidate), bench.only(candidate, Epochs.fixed(2)).onlyCandidate());
        assertEquals(Optional.empty(), bench.onlyCandidate());
    }
}
