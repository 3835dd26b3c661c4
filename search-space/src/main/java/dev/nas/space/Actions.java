package dev.nas.space;

import java.util.List;

/**
 * A space as discrete decisions, for controllers that pick from lists (policy gradient, evolution): one
 * categorical decision per searched dimension. A choice is its options; a range
 * is its grid points when the space gives a resolution, else {@value #BINS} equal bins of its scale (the value at a
 * bin's centre), as MnasNet's controller picks every setting from a short list.
 */
public record Actions(CandidateCodec codec, int[] sizes) {

    public static final int BINS = 8;

    public static Actions of(CandidateCodec codec) {
        List<Dimension<?>> dimensions = codec.dimensions();
        int[] sizes = new int[dimensions.size()];
        for (int d = 0; d < sizes.length; d++) {
            var domain = dimensions.get(d).domain();
            sizes[d] = domain instanceof Choice<?> choice ? choice.options().size()
                    : domain.gridSize() > 0 ? domain.gridSize() : BINS;
        }
        return new Actions(codec, sizes);
    }

    public int dimensions() {
        return sizes.length;
    }

    public Candidate candidate(int[] actions) {
        double[] vector = new double[sizes.length];
        List<Dimension<?>> dimensions = codec.dimensions();
        for (int d = 0; d < sizes.length; d++) {
            boolean choice = dimensions.get(d).domain() instanceof Choice<?>;
            boolean grid = dimensions.get(d).domain().gridSize() > 0;
            vector[d] = choice ? actions[d]
                    : grid ? (sizes[d] == 1 ? 0.5 : (double) actions[d] / (sizes[d] - 1))
                    : (actions[d] + 0.5) / sizes[d];
        }
        return codec.decode(vector);
    }

    /** The actions that produce {@code candidate} (for a range: the nearest grid point, or the bin holding it). */
    public int[] actions(Candidate candidate) {
        double[] vector = codec.encode(candidate);
        List<Dimension<?>> dimensions = codec.dimensions();
        int[] actions = new int[sizes.length];
        for (int d = 0; d < sizes.length; d++) {
            boolean choice = dimensions.get(d).domain() instanceof Choice<?>;
            boolean grid = dimensions.get(d).domain().gridSize() > 0;
            int action = choice ? (int) Math.round(vector[d])
                    : grid ? (int) Math.round(vector[d] * (sizes[d] - 1))
                    : (int) Math.floor(vector[d] * sizes[d]);
            actions[d] = Math.max(0, Math.min(sizes[d] - 1, action));
        }
        return actions;
    }
}
