package dev.nas.space;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The training settings searched alongside the architecture. Token: {@code lr=0.001,bs=64,opt=adam,wd=0}, then the
 * augmentation's fields where there is augmentation ({@code ,crop=4,flip=1,cutout=8}), so keys without augmentation
 * read as they always have.
 */
public record Hyperparameters(double learningRate, int batchSize, Optimizer optimizer, double weightDecay,
                              Augmentation augmentation) {

    public Hyperparameters {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be zero or positive, got " + weightDecay);
        }
    }

    /** Settings without augmentation. */
    public Hyperparameters(double learningRate, int batchSize, Optimizer optimizer, double weightDecay) {
        this(learningRate, batchSize, optimizer, weightDecay, Augmentation.NONE);
    }

    public String token() {
        return "lr=" + Numbers.format(learningRate) + ",bs=" + batchSize + ",opt=" + optimizer.token()
                + ",wd=" + Numbers.format(weightDecay) + (augmentation.isNone() ? "" : "," + augmentation.token());
    }

    public static Hyperparameters parse(String token) {
        Map<String, String> fields = new HashMap<>();
        for (String field : token.split(",")) {
            String[] kv = field.split("=", 2);
            if (kv.length != 2 || fields.put(kv[0], kv[1]) != null) {
                throw new IllegalArgumentException("bad field '" + field + "' in '" + token + "'");
            }
        }
        Set<String> augmented = Set.of("crop", "flip", "cutout");
        Set<String> base = Set.of("lr", "bs", "opt", "wd");
        if (!fields.keySet().containsAll(base) || !(fields.size() == base.size()
                || fields.size() == base.size() + augmented.size() && fields.keySet().containsAll(augmented))) {
            throw new IllegalArgumentException("'" + token + "' needs exactly lr, bs, opt and wd, and crop, flip and "
                    + "cutout if it is augmented");
        }
        try {
            String flip = fields.getOrDefault("flip", "0");
            if (!flip.equals("0") && !flip.equals("1")) {
                throw new IllegalArgumentException("flip is 0 or 1 in '" + token + "'");
            }
            return new Hyperparameters(Double.parseDouble(fields.get("lr")), Integer.parseInt(fields.get("bs")),
                    Optimizer.fromToken(fields.get("opt")).orElseThrow(() -> new IllegalArgumentException(
                            "unknown optimizer '" + fields.get("opt") + "'")),
                    Double.parseDouble(fields.get("wd")), new Augmentation(Integer.parseInt(fields.getOrDefault(
                            "crop", "0")), flip.equals("1"), Integer.parseInt(fields.getOrDefault("cutout", "0"))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in '" + token + "'");
        }
    }

    public String describe() {
        return "lr " + Numbers.format(learningRate) + ", batch " + batchSize + ", " + optimizer.token()
                + ", wd " + Numbers.format(weightDecay) + (augmentation.isNone() ? "" : ", " + augmentation.describe());
    }
}
