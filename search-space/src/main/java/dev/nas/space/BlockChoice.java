package dev.nas.space;

/**
 * The choices made for one block; all its layers share them (MnasNet's factorized hierarchical space).
 * A block of skip layers has no residual of its own. Token: {@code op-residual-FILTERSxLAYERS}, e.g.
 * {@code mbconv_k3_e6_se0.25-identity-24x2}.
 */
public record BlockChoice(LayerOp op, Residual residual, int filters, int layers) {

    public BlockChoice {
        if (op.type() == OpType.SKIP) {
            residual = Residual.NONE;
        }
        if (filters < 1) {
            throw new IllegalArgumentException("filters must be positive, got " + filters);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be positive, got " + layers);
        }
    }

    /** The same choice at another width. */
    public BlockChoice withFilters(int width) {
        return new BlockChoice(op, residual, width, layers);
    }

    public String token() {
        return op.token() + "-" + residual.token() + "-" + filters + "x" + layers;
    }

    public static BlockChoice parse(String token) {
        String[] parts = token.split("-");
        if (parts.length != 3) {
            throw new IllegalArgumentException("block '" + token + "' is not op-residual-FILTERSxLAYERS");
        }
        Residual residual = Residual.fromToken(parts[1]).orElseThrow(() -> new IllegalArgumentException(
                "unknown skip '" + parts[1] + "' in '" + token + "' (expected none, identity or pool)"));
        String[] size = parts[2].split("x");
        if (size.length != 2) {
            throw new IllegalArgumentException("'" + parts[2] + "' in '" + token + "' is not FILTERSxLAYERS");
        }
        try {
            return new BlockChoice(LayerOp.parse(parts[0]), residual,
                    Integer.parseInt(size[0]), Integer.parseInt(size[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + parts[2] + "' in '" + token + "' is not FILTERSxLAYERS");
        }
    }

    /** In words: "2x MBConv6 3x3 SE0.25, identity skip, 24 ch". */
    public String describe() {
        if (op.type() == OpType.SKIP) {
            return "skip (" + filters + " ch)";
        }
        String skip = residual == Residual.NONE ? "" : ", " + residual.token() + " skip";
        return layers + "x " + op.describe() + skip + ", " + filters + " ch";
    }
}
