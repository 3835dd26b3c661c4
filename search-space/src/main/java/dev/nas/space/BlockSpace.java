package dev.nas.space;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One block of the space: its stride (applied by its first layer) and what the search may choose for it.
 * All layers of a block share the choice, as in MnasNet.
 */
public record BlockSpace(int stride, OpSpace ops, Choice<Residual> skip, Choice<Integer> filters,
                         Choice<Integer> layers) {

    public BlockSpace {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be positive, got " + stride);
        }
    }

    public List<Dimension<?>> dimensions(String prefix) {
        List<Dimension<?>> dimensions = new ArrayList<>(ops.dimensions(prefix));
        dimensions.add(new Dimension<>(prefix + "skip", skip));
        dimensions.add(new Dimension<>(prefix + "filters", filters));
        dimensions.add(new Dimension<>(prefix + "layers", layers));
        return dimensions;
    }

    public BlockChoice assemble(Iterator<Object> values) {
        return new BlockChoice(ops.assemble(values), (Residual) values.next(), (Integer) values.next(),
                (Integer) values.next());
    }

    public void values(BlockChoice block, List<Object> out) {
        ops.values(block.op(), out);
        out.add(block.op().type() == OpType.SKIP ? skip.first() : block.residual());
        out.add(block.filters());
        out.add(block.layers());
    }

    /** This block with every choice fixed to {@code block}'s. */
    public BlockSpace only(BlockChoice block) {
        return new BlockSpace(stride, ops.only(block.op()), Choice.of(block.residual()), Choice.of(block.filters()),
                Choice.of(block.layers()));
    }

    /** Every block this space allows, each once. */
    public List<BlockChoice> choices() {
        List<List<Object>> combinations = List.of(List.of());
        for (Dimension<?> dimension : dimensions("")) {
            List<?> options = ((Choice<?>) dimension.domain()).options();
            combinations = combinations.stream().flatMap(values -> options.stream().map(option -> {
                List<Object> longer = new ArrayList<>(values);
                longer.add(option);
                return longer;
            })).toList();
        }
        return combinations.stream().map(values -> assemble(values.iterator())).distinct().toList();
    }

    public boolean allows(BlockChoice block) {
        return ops.allows(block.op()) && filters.contains(block.filters()) && layers.contains(block.layers())
                && (block.op().type() == OpType.SKIP || skip.contains(block.residual()));
    }
}
