package dev.nas.eval.onnx;

/**
 * How closely an exported model's probabilities follow DL4J's on the same images: the largest absolute difference
 * in any probability, and the share of images given the same class.
 */
public record Agreement(int images, double maxAbsDifference, double sameClass) {

    /** Differences up to this are float rounding of a faithful translation. */
    public static final double MAX_DIFFERENCE = 1e-4;
    public static final double MIN_SAME_CLASS = 0.999;

    /** The agreement of {@code onnx} with {@code dl4j}, both [images][classes]. */
    public static Agreement of(float[][] dl4j, float[][] onnx) {
        double worst = 0;
        int same = 0;
        for (int i = 0; i < dl4j.length; i++) {
            for (int c = 0; c < dl4j[i].length; c++) {
                worst = Math.max(worst, Math.abs(dl4j[i][c] - onnx[i][c]));
            }
            same += argmax(dl4j[i]) == argmax(onnx[i]) ? 1 : 0;
        }
        return new Agreement(dl4j.length, worst, (double) same / dl4j.length);
    }

    public boolean faithful() {
        return maxAbsDifference <= MAX_DIFFERENCE && sameClass >= MIN_SAME_CLASS;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "on %d images: largest probability difference %.2e (at most %.0e "
                + "allowed), same class for %.2f%% (at least %.1f%%)", images, maxAbsDifference, MAX_DIFFERENCE,
                sameClass * 100, MIN_SAME_CLASS * 100);
    }

    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
