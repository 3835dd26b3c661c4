package dev.nas.space;

/**
 * One layer's operation with its settings, in canonical form: settings an operation does not use are zeroed
 * (an expansion of 1 for conv and dwconv; nothing at all for skip), so that equal networks have equal values.
 * Its token is also the name of an FBNet-style layer variant: {@code skip}, {@code conv_k3}, {@code dwconv_k5_se},
 * {@code mbconv_k3_e6}, {@code mbconv_k5_e6_se0.25} (a bare {@code se} means a ratio of 0.25).
 *
 * @param se squeeze-and-excitation ratio: squeeze channels = max(1, floor(layer input channels x se)); 0 means none
 */
public record LayerOp(OpType type, int kernel, int expansion, double se) {

    public static final LayerOp SKIP = new LayerOp(OpType.SKIP, 0, 0, 0);
    private static final double DEFAULT_SE = 0.25;

    public LayerOp {
        if (type == OpType.SKIP) {
            kernel = 0;
            expansion = 0;
            se = 0;
        } else {
            if (kernel < 1 || kernel % 2 == 0) {
                throw new IllegalArgumentException("kernel must be a positive odd number, got " + kernel);
            }
            if (type != OpType.MBCONV) {
                expansion = 1;
            } else if (expansion < 1) {
                throw new IllegalArgumentException("expansion must be at least 1, got " + expansion);
            }
            if (!(se >= 0 && se < 1)) {
                throw new IllegalArgumentException("se ratio must be in [0, 1), got " + se);
            }
        }
    }

    public static LayerOp of(OpType type, int kernel, int expansion, double se) {
        return new LayerOp(type, kernel, expansion, se);
    }

    public String token() {
        if (type == OpType.SKIP) {
            return type.token();
        }
        StringBuilder token = new StringBuilder(type.token()).append("_k").append(kernel);
        if (type == OpType.MBCONV) {
            token.append("_e").append(expansion);
        }
        if (se > 0) {
            token.append("_se").append(Numbers.format(se));
        }
        return token.toString();
    }

    /** Reads a token written by {@link #token()}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static LayerOp parse(String token) {
        String[] parts = token.split("_");
        OpType type = OpType.fromToken(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                "unknown op '" + parts[0] + "' in '" + token + "' (expected conv, dwconv, mbconv or skip)"));
        if (type == OpType.SKIP) {
            if (parts.length > 1) {
                throw new IllegalArgumentException("skip takes no settings: '" + token + "'");
            }
            return SKIP;
        }
        int kernel = 0;
        int expansion = 1;
        double se = 0;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            try {
                if (part.startsWith("se")) {
                    se = part.length() == 2 ? DEFAULT_SE : Double.parseDouble(part.substring(2));
                } else if (part.startsWith("k")) {
                    kernel = Integer.parseInt(part.substring(1));
                } else if (part.startsWith("e") && type == OpType.MBCONV) {
                    expansion = Integer.parseInt(part.substring(1));
                } else {
                    throw new IllegalArgumentException("unexpected '" + part + "' in '" + token + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number in '" + part + "' of '" + token + "'");
            }
        }
        if (kernel == 0) {
            throw new IllegalArgumentException("'" + token + "' needs a kernel, e.g. " + type.token() + "_k3");
        }
        if (type == OpType.MBCONV && !token.contains("_e")) {
            throw new IllegalArgumentException("'" + token + "' needs an expansion, e.g. mbconv_k3_e6");
        }
        return new LayerOp(type, kernel, expansion, se);
    }

    /** In words, as papers write it: "MBConv6 5x5 SE0.25", "DWConv 3x3", "skip". */
    public String describe() {
        String name = switch (type) {
            case CONV -> "Conv";
            case DWCONV -> "DWConv";
            case MBCONV -> "MBConv" + expansion;
            case SKIP -> "skip";
        };
        if (type == OpType.SKIP) {
            return name;
        }
        return name + " " + kernel + "x" + kernel + (se > 0 ? " SE" + Numbers.format(se) : "");
    }
}
