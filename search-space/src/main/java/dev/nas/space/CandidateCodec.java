package dev.nas.space;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Maps a space's candidates to and from what controllers work with: random samples, grid points and numeric
 * vectors. Like Jenetics' {@code InvertibleCodec}, without genes: {@code decode(encode(c))} equals {@code c}.
 *
 * <p>The vector has one coordinate per searched (non-fixed) dimension, in the order of {@link #dimensions()}:
 * a choice's option index, or a range's position on its scale in [0, 1]. Settings a candidate does not use (the
 * expansion of a plain conv) encode as their first option.
 */
public final class CandidateCodec {

    private final SearchSpace space;
    private final List<Dimension<?>> all;
    private final List<Integer> searched;

    CandidateCodec(SearchSpace space) {
        this.space = space;
        this.all = space.dimensions();
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).domain().isFixed()) {
                indices.add(i);
            }
        }
        this.searched = List.copyOf(indices);
    }

    /** The searched dimensions: one per coordinate of {@link #encode(Candidate)}. */
    public List<Dimension<?>> dimensions() {
        return searched.stream().<Dimension<?>>map(all::get).toList();
    }

    /** A uniformly random candidate; the same generator state gives the same candidate. */
    public Candidate sample(RandomGenerator rng) {
        List<Object> values = new ArrayList<>(all.size());
        for (Dimension<?> dimension : all) {
            values.add(dimension.domain().sample(rng));
        }
        return assemble(values);
    }

    public double[] encode(Candidate candidate) {
        List<Object> values = values(candidate);
        double[] vector = new double[searched.size()];
        for (int i = 0; i < vector.length; i++) {
            int d = searched.get(i);
            vector[i] = all.get(d).encode(values.get(d));
        }
        return vector;
    }

    public Candidate decode(double[] vector) {
        if (vector.length != searched.size()) {
            throw new IllegalArgumentException("vector has " + vector.length + " coordinates, space '"
                    + space.name() + "' has " + searched.size() + " searched dimensions");
        }
        List<Object> values = new ArrayList<>(all.size());
        int next = 0;
        for (Dimension<?> dimension : all) {
            Domain<?> domain = dimension.domain();
            values.add(domain.isFixed() ? domain.gridValue(0) : domain.decode(vector[next++]));
        }
        return assemble(values);
    }

    /**
     * Number of grid points: the product of the searched dimensions' sizes. Fails, naming them, when a continuous
     * dimension has no grid resolution.
     */
    public long gridSize() {
        String ungridded = dimensions().stream().filter(d -> d.domain().gridSize() == 0).map(Dimension::name)
                .collect(Collectors.joining(", "));
        if (!ungridded.isEmpty()) {
            throw new BadInput("grid search needs every dimension finite; give these a grid "
                    + "resolution (grid: N): " + ungridded);
        }
        long size = 1;
        for (Dimension<?> dimension : dimensions()) {
            try {
                size = Math.multiplyExact(size, dimension.domain().gridSize());
            } catch (ArithmeticException e) {
                throw new BadInput("the grid of space '" + space.name() + "' has more than "
                        + Long.MAX_VALUE + " points");
            }
        }
        return size;
    }

    /**
     * The grid point at {@code index} (mixed radix, last dimension fastest), or empty when that point sets a value
     * its candidate does not use to anything but the first option: it is a duplicate of another point.
     */
    public Optional<Candidate> gridPoint(long index) {
        long size = gridSize();
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("grid point " + index + " of " + size);
        }
        Object[] values = new Object[all.size()];
        long rest = index;
        for (int i = all.size() - 1; i >= 0; i--) {
            Domain<?> domain = all.get(i).domain();
            int radix = domain.isFixed() ? 1 : domain.gridSize();
            values[i] = domain.gridValue((int) (rest % radix));
            rest /= radix;
        }
        List<Object> point = List.of(values);
        Candidate candidate = assemble(point);
        return values(candidate).equals(point) ? Optional.of(candidate) : Optional.empty();
    }

    /** The candidate's value of each searched dimension as text ({@link Dimension#format}), in their order. */
    public List<String> cells(Candidate candidate) {
        List<Object> values = values(candidate);
        return searched.stream().map(d -> Dimension.format(values.get(d))).toList();
    }

    /**
     * The candidate whose searched dimensions have the values written in {@code cells}, in the order of
     * {@link #dimensions()}; throws naming the dimension whose text is not one of its values, or when the values
     * do not make a canonical candidate (a setting the candidate does not use is not at its first option).
     */
    public Candidate fromCells(List<String> cells) {
        if (cells.size() != searched.size()) {
            throw new IllegalArgumentException(cells.size() + " values for the " + searched.size()
                    + " searched dimensions of space '" + space.name() + "'");
        }
        List<Object> values = new ArrayList<>(all.size());
        int next = 0;
        for (Dimension<?> dimension : all) {
            values.add(dimension.domain().isFixed() ? dimension.domain().gridValue(0)
                    : dimension.parse(cells.get(next++)));
        }
        Candidate candidate = assemble(values);
        if (!values(candidate).equals(values)) {
            throw new IllegalArgumentException("not a canonical candidate: " + candidate.key()
                    + " (a setting it does not use must be at its first option)");
        }
        return candidate;
    }

    private Candidate assemble(List<Object> values) {
        Iterator<Object> it = values.iterator();
        List<BlockChoice> blocks = new ArrayList<>(space.blocks().size());
        for (BlockSpace block : space.blocks()) {
            blocks.add(block.assemble(it));
        }
        return new Candidate(blocks, space.training().assemble(it));
    }

    private List<Object> values(Candidate candidate) {
        space.check(candidate);
        List<Object> values = new ArrayList<>(all.size());
        for (int i = 0; i < space.blocks().size(); i++) {
            space.blocks().get(i).values(candidate.blocks().get(i), values);
        }
        space.training().values(candidate.training(), values);
        return values;
    }
}
