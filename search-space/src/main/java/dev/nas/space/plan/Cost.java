package dev.nas.space.plan;

import dev.nas.space.FeatureMap;
import java.util.function.LongSupplier;

/**
 * What a planned network costs, computed from the plan without building it.
 *
 * @param params trainable parameters (weights, biases, batch-norm scale and shift; batch-norm running statistics
 *               are state, not parameters, as papers count them)
 * @param macs   multiply-accumulates of one forward pass of one image in convolutions and dense layers: what
 *               MnasNet reports as "multiply-adds" and many papers as FLOPs
 */
public record Cost(long params, long macs) {

    public static final Cost ZERO = new Cost(0, 0);

    public Cost {
        if (params < 0 || macs < 0) {
            throw new IllegalArgumentException("a cost is never negative, got " + params + " params and " + macs
                    + " multiply-accumulates");
        }
    }

    /** The sum; a network too large to count in a long is refused rather than wrapped round to a negative number. */
    public Cost plus(Cost other) {
        return new Cost(exact(() -> Math.addExact(params, other.params)), exact(() -> Math.addExact(macs,
                other.macs)));
    }

    public static Cost of(NetworkPlan plan) {
        FeatureMap stemOut = plan.stemOut();
        Cost total = conv(plan.stem().kernel(), plan.input().channels(), stemOut).plus(batchNorm(stemOut.channels()));
        for (LayerSpec layer : plan.layers()) {
            total = total.plus(of(layer));
        }
        FeatureMap head = new FeatureMap(plan.headIn().height(), plan.headIn().width(), plan.headFilters());
        total = total.plus(conv(1, plan.headIn().channels(), head)).plus(batchNorm(plan.headFilters()));
        long dense = (long) plan.headFilters() * plan.classes();
        return total.plus(new Cost(exact(() -> Math.addExact(dense, plan.classes())), dense));
    }

    /** One layer's cost, including its shortcut projection. */
    public static Cost of(LayerSpec layer) {
        FeatureMap in = layer.in();
        FeatureMap out = layer.out();
        int inner = layer.innerChannels();
        Cost se = squeezeExcitation(layer.excitedChannels(), layer.squeezeChannels());
        Cost body = switch (layer.op().type()) {
            case CONV -> conv(layer.op().kernel(), in.channels(), out).plus(batchNorm(out.channels())).plus(se);
            case DWCONV -> depthwise(layer.op().kernel(), new FeatureMap(out.height(), out.width(), inner))
                    .plus(batchNorm(inner)).plus(se)
                    .plus(conv(1, inner, out)).plus(batchNorm(out.channels()));
            case MBCONV -> (layer.op().expansion() > 1
                    ? conv(1, in.channels(), new FeatureMap(in.height(), in.width(), inner)).plus(batchNorm(inner))
                    : ZERO)
                    .plus(depthwise(layer.op().kernel(), new FeatureMap(out.height(), out.width(), inner)))
                    .plus(batchNorm(inner)).plus(se)
                    .plus(conv(1, inner, out)).plus(batchNorm(out.channels()));
            case SKIP -> projection(in, out);
        };
        return layer.shortcut() == Shortcut.PROJECTION ? body.plus(projection(in, out)) : body;
    }

    /** Average pooling (free) and, where channels change, a 1 x 1 convolution with batch norm. */
    public static Cost projection(FeatureMap in, FeatureMap out) {
        return in.channels() == out.channels() ? ZERO
                : conv(1, in.channels(), out).plus(batchNorm(out.channels()));
    }

    private static Cost conv(int kernel, int inChannels, FeatureMap out) {
        long weights = exact(() -> Math.multiplyExact((long) kernel * kernel * inChannels, out.channels()));
        return new Cost(weights, exact(() -> Math.multiplyExact(weights, out.pixels())));
    }

    private static Cost depthwise(int kernel, FeatureMap out) {
        long weights = (long) kernel * kernel * out.channels();
        return new Cost(weights, exact(() -> Math.multiplyExact(weights, out.pixels())));
    }

    private static long exact(LongSupplier count) {
        try {
            return count.getAsLong();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the network is too large to count its parameters or "
                    + "multiply-accumulates (more than " + Long.MAX_VALUE + ")");
        }
    }

    private static Cost batchNorm(int channels) {
        return new Cost(2L * channels, 0);
    }

    private static Cost squeezeExcitation(int channels, int squeeze) {
        if (squeeze == 0) {
            return ZERO;
        }
        long weights = 2L * channels * squeeze;
        return new Cost(weights + squeeze + channels, weights);
    }
}
