package dev.nas.core.study;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Each channel's mean and standard deviation over a study's training images, pixel values scaled to 0..1: what a
 * space with {@code normalize: per_channel} subtracts and divides by. Computed once when a study starts and kept
 * with it, so that resuming, retraining and exporting use the very numbers its candidates were trained with.
 */
public record ChannelStats(List<Double> mean, List<Double> std) {

    public ChannelStats {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (mean.isEmpty() || mean.size() != std.size()) {
            throw new IllegalArgumentException("need a mean and a standard deviation per channel, got " + mean.size()
                    + " and " + std.size());
        }
        if (std.stream().anyMatch(s -> !(s > 0) || !Double.isFinite(s))) {
            throw new IllegalArgumentException("standard deviations must be positive, got " + std);
        }
    }

    /**
     * Mean 0 and deviation 1 for each of {@code channels}: the same operations as any normalisation, changing no
     * value, for where only their cost matters (timing a candidate).
     */
    public static ChannelStats neutral(int channels) {
        return new ChannelStats(java.util.Collections.nCopies(channels, 0.0),
                java.util.Collections.nCopies(channels, 1.0));
    }

    public int channels() {
        return mean.size();
    }

    @Override
    public String toString() {
        return "mean " + format(mean) + ", std " + format(std);
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.4f", v))
                .collect(Collectors.joining(" ", "[", "]"));
    }
}
