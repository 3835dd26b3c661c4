package dev.nas.space;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A MnasNet-style factorized hierarchical search space: a fixed stem, a list of searched blocks and a fixed head
 * for images of one shape and class count, the training hyperparameters searched with them, and the objectives.
 * Read one with {@link dev.nas.space.yaml.SpaceLoader}.
 */
public record SearchSpace(String name, FeatureMap input, int classes, Stem stem, List<BlockSpace> blocks, Head head,
                          TrainingSpace training, ObjectiveSpec objective) {

    public SearchSpace {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a space needs at least one block");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
    }

    public CandidateCodec codec() {
        return new CandidateCodec(this);
    }

    /** Every dimension, fixed or searched, in a stable order: blocks first, then training. */
    public List<Dimension<?>> dimensions() {
        List<Dimension<?>> dimensions = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            dimensions.addAll(blocks.get(i).dimensions("blocks[" + i + "]."));
        }
        dimensions.addAll(training.dimensions("training."));
        return dimensions;
    }

    /**
     * The space of {@code candidate} alone: every dimension fixed to its value, trained for {@code epochs}. Written
     * with {@link dev.nas.space.yaml.SpaceWriter}, it is a standalone description of one architecture that the
     * loader reads back to the same candidate.
     */
    public SearchSpace only(Candidate candidate, Epochs epochs) {
        check(candidate);
        List<BlockSpace> fixed = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            fixed.add(blocks.get(i).only(candidate.blocks().get(i)));
        }
        Hyperparameters h = candidate.training();
        Augmentation a = h.augmentation();
        return new SearchSpace(name, input, classes, stem, fixed, head, new TrainingSpace(Choice.of(h.learningRate()),
                Choice.of(h.batchSize()), Choice.of(h.optimizer()), Choice.of(h.weightDecay()), epochs,
                training.schedule(), training.augment().map(any -> new TrainingSpace.AugmentSpace(
                Choice.of(a.crop()), Choice.of(a.flip()), Choice.of(a.cutout()))), training.normalize()), objective);
    }

    /** Throws {@link IllegalArgumentException} naming the first block or setting that this space cannot produce. */
    public Candidate check(Candidate candidate) {
        if (candidate.blocks().size() != blocks.size()) {
            throw new IllegalArgumentException("candidate has " + candidate.blocks().size() + " blocks, space '"
                    + name + "' has " + blocks.size());
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (!blocks.get(i).allows(candidate.blocks().get(i))) {
                throw new IllegalArgumentException("block " + i + " '" + candidate.blocks().get(i).token()
                        + "' is not in space '" + name + "'");
            }
        }
        if (!training.allows(candidate.training())) {
            throw new IllegalArgumentException("training '" + candidate.training().token()
                    + "' is not in space '" + name + "'");
        }
        return candidate;
    }

    /**
     * The one candidate of a space whose every choice is fixed (as {@code nas export} writes
     * {@code architecture.yaml}), or empty if the space searches anything.
     */
    public Optional<Candidate> onlyCandidate() {
        CandidateCodec codec = codec();
        return codec.dimensions().isEmpty() ? Optional.of(codec.decode(new double[0])) : Optional.empty();
    }

    /**
     * What makes {@code other}'s candidates other networks, or networks trained otherwise, than this space's, one line
     * per difference ({@code blocks[1].kernel: [3, 5] vs [3, 5, 7]}): input, classes, stem, head, each block's stride
     * and choices, the training settings searched or fixed, the schedule and the normalisation. Empty when a key
     * means the same network, trained the same way, in both. Name, objective and epochs are not compared: they say
     * how candidates are scored and for how long, not what they are.
     */
    public List<String> candidateDifferences(SearchSpace other) {
        List<String> differences = new ArrayList<>();
        compare(differences, "input", input, other.input);
        compare(differences, "classes", classes, other.classes);
        compare(differences, "stem", stem, other.stem);
        compare(differences, "head", head, other.head);
        compare(differences, "blocks", blocks.size() + " blocks", other.blocks.size() + " blocks");
        for (int i = 0; i < Math.min(blocks.size(), other.blocks.size()); i++) {
            compare(differences, "blocks[" + i + "].stride", blocks.get(i).stride(), other.blocks.get(i).stride());
        }
        Map<String, Domain<?>> mine = domains(this);
        Map<String, Domain<?>> theirs = domains(other);
        for (String name : mine.keySet()) {
            if (theirs.containsKey(name) || blocks.size() == other.blocks.size()) {
                compare(differences, name, describe(mine.get(name)), describe(theirs.get(name)));
            }
        }
        theirs.keySet().stream().filter(name -> !mine.containsKey(name) && blocks.size() == other.blocks.size())
                .forEach(name -> compare(differences, name, "none", describe(theirs.get(name))));
        compare(differences, "training.schedule", training.schedule().token(), other.training.schedule().token());
        compare(differences, "training.normalize", training.normalize().token(), other.training.normalize().token());
        return differences;
    }

    private static Map<String, Domain<?>> domains(SearchSpace space) {
        Map<String, Domain<?>> domains = new LinkedHashMap<>();
        space.dimensions().forEach(d -> domains.put(d.name(), d.domain()));
        return domains;
    }

    private static String describe(Domain<?> domain) {
        if (domain == null) {
            return "none";
        }
        if (domain instanceof Choice<?> choice) {
            return choice.isFixed() ? Dimension.format(choice.first())
                    : choice.options().stream().map(Dimension::format).collect(Collectors.joining(", ", "[", "]"));
        }
        Range range = (Range) domain;
        return (range.log() ? "log_uniform " : "uniform ") + Numbers.format(range.low()) + ".."
                + Numbers.format(range.high());
    }

    private static void compare(List<String> differences, String what, Object mine, Object theirs) {
        if (!mine.equals(theirs)) {
            differences.add(what + ": " + mine + " vs " + theirs);
        }
    }
}
