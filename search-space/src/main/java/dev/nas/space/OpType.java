package dev.nas.space;

import java.util.Arrays;
import java.util.Optional;

/** The operation of a layer, as MnasNet's search space names them, plus FBNet's "skip". */
public enum OpType {
    /** A regular k x k convolution. */
    CONV("conv"),
    /** Depthwise-separable: depthwise k x k, then a 1 x 1 convolution. */
    DWCONV("dwconv"),
    /** Inverted bottleneck (MobileNetV2): 1 x 1 expansion, depthwise k x k, 1 x 1 linear projection. */
    MBCONV("mbconv"),
    /** No layer; where the shape changes, the smallest projection that keeps the network well formed. */
    SKIP("skip");

    private final String token;

    OpType(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Optional<OpType> fromToken(String token) {
        return Arrays.stream(values()).filter(t -> t.token.equals(token)).findFirst();
    }
}
