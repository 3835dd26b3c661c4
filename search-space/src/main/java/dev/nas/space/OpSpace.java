package dev.nas.space;

import java.util.Iterator;
import java.util.List;

/**
 * How a block chooses its layer operation: MnasNet's independent choices of op, kernel, expansion and SE ratio
 * ({@link Factorized}), or an explicit list of named variants as in FBNet and ProxylessNAS ({@link Variants}).
 */
public sealed interface OpSpace permits OpSpace.Factorized, OpSpace.Variants {

    /** The dimensions this op space contributes, named under {@code prefix}. */
    List<Dimension<?>> dimensions(String prefix);

    /** Builds an op from values in the order of {@link #dimensions(String)}. */
    LayerOp assemble(Iterator<Object> values);

    /** The values of an op, in the order of {@link #dimensions(String)}; unused settings take the first option. */
    void values(LayerOp op, List<Object> out);

    boolean allows(LayerOp op);

    /** The op space that allows {@code op} alone. */
    OpSpace only(LayerOp op);

    record Factorized(Choice<OpType> types, Choice<Integer> kernels, Choice<Integer> expansions, Choice<Double> se)
            implements OpSpace {

        @Override
        public List<Dimension<?>> dimensions(String prefix) {
            return List.of(new Dimension<>(prefix + "op", types), new Dimension<>(prefix + "kernel", kernels),
                    new Dimension<>(prefix + "expansion", expansions), new Dimension<>(prefix + "se", se));
        }

        @Override
        public LayerOp assemble(Iterator<Object> values) {
            return LayerOp.of((OpType) values.next(), (Integer) values.next(), (Integer) values.next(),
                    (Double) values.next());
        }

        @Override
        public void values(LayerOp op, List<Object> out) {
            out.add(op.type());
            out.add(op.kernel());
            out.add(op.type() == OpType.MBCONV ? op.expansion() : expansions.first());
            out.add(op.se());
        }

        @Override
        public boolean allows(LayerOp op) {
            return types.contains(op.type()) && kernels.contains(op.kernel()) && se.contains(op.se())
                    && (op.type() != OpType.MBCONV || expansions.contains(op.expansion()));
        }

        @Override
        public OpSpace only(LayerOp op) {
            return new Factorized(Choice.of(op.type()), Choice.of(op.kernel()),
                    Choice.of(op.type() == OpType.MBCONV ? op.expansion() : expansions.first()), Choice.of(op.se()));
        }
    }

    record Variants(Choice<LayerOp> variants) implements OpSpace {

        @Override
        public List<Dimension<?>> dimensions(String prefix) {
            return List.of(new Dimension<>(prefix + "variants", variants));
        }

        @Override
        public LayerOp assemble(Iterator<Object> values) {
            return (LayerOp) values.next();
        }

        @Override
        public void values(LayerOp op, List<Object> out) {
            out.add(op);
        }

        @Override
        public boolean allows(LayerOp op) {
            return variants.contains(op);
        }

        @Override
        public OpSpace only(LayerOp op) {
            return new Variants(Choice.of(op));
        }
    }
}
