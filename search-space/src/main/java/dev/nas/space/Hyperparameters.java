package dev.nas.space;

import java.util.HashMap;
import java.util.Map;

/** The training settings searched alongside the architecture. Token: {@code lr=0.001,bs=64,opt=adam,wd=0}. */
public record Hyperparameters(double learningRate, int batchSize, Optimizer optimizer, double weightDecay) {

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

    public String token() {
        return "lr=" + Numbers.format(learningRate) + ",bs=" + batchSize + ",opt=" + optimizer.token()
                + ",wd=" + Numbers.format(weightDecay);
    }

    public static Hyperparameters parse(String token) {
        Map<String, String> fields = new HashMap<>();
        for (String field : token.split(",")) {
            String[] kv = field.split("=", 2);
            if (kv.length != 2 || fields.put(kv[0], kv[1]) != null) {
                throw new IllegalArgumentException("bad field '" + field + "' in '" + token + "'");
            }
        }
        if (!fields.keySet().equals(java.util.Set.of("lr", "bs", "opt", "wd"))) {
            throw new IllegalArgumentException("'" + token + "' needs exactly lr, bs, opt and wd");
        }
        try {
            return new Hyperparameters(Double.parseDouble(fields.get("lr")), Integer.parseInt(fields.get("bs")),
                    Optimizer.fromToken(fields.get("opt")).orElseThrow(() -> new IllegalArgumentException(
                            "unknown optimizer '" + fields.get("opt") + "'")),
                    Double.parseDouble(fields.get("wd")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in '" + token + "'");
        }
    }

    public String describe() {
        return "lr " + Numbers.format(learningRate) + ", batch " + batchSize + ", " + optimizer.token()
                + ", wd " + Numbers.format(weightDecay);
    }
}
