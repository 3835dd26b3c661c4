package dev.nas.space;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One point of a search space: a choice per block and the training hyperparameters. Immutable, with a stable,
 * human-readable {@link #key()} that {@link #parse(String)} reads back, e.g.
 * {@code mbconv_k3_e6-identity-16x1/dwconv_k5_se0.25-none-24x2|lr=0.001,bs=64,opt=adam,wd=0}.
 * Whether a candidate belongs to a particular space is {@link SearchSpace#check(Candidate)}'s business.
 */
public record Candidate(List<BlockChoice> blocks, Hyperparameters training) {

    public Candidate {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a candidate needs at least one block");
        }
    }

    public String key() {
        return blocks.stream().map(BlockChoice::token).collect(Collectors.joining("/")) + "|" + training.token();
    }

    /** Reads a key written by {@link #key()}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Candidate parse(String key) {
        String[] halves = key.strip().split("\\|");
        if (halves.length != 2) {
            throw new IllegalArgumentException("candidate key '" + key + "' is not BLOCKS|HYPERPARAMETERS");
        }
        List<BlockChoice> blocks = Arrays.stream(halves[0].split("/")).map(BlockChoice::parse).toList();
        return new Candidate(blocks, Hyperparameters.parse(halves[1]));
    }

    /** In words, one block per line, then the training settings. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            text.append("block ").append(i + 1).append(": ").append(blocks.get(i).describe()).append('\n');
        }
        return text.append("training: ").append(training.describe()).toString();
    }

    @Override
    public String toString() {
        return key();
    }
}
