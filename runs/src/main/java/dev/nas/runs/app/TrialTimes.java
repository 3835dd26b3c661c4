package dev.nas.runs.app;

import dev.nas.core.search.Progress;
import dev.nas.core.search.SearchListener;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;
import java.util.Locale;

/**
 * Where a search's time went, split by what the search loop sees: the batches of training, validation after each
 * epoch, the rest of each epoch (building the network, checkpoints, recording the epoch), what follows the last epoch
 * (latency measurement, int8 scoring, recording the trial), and asking the controller for the next trial.
 *
 * @see #summary()
 */
final class TrialTimes implements SearchListener {

    private final int trainImages;
    private final double[] seconds = new double[Part.values().length];
    private long mark = -1;
    private double epochSeconds;
    private int epochs;

    /** A split for trials that train on {@code trainImages} images per epoch. */
    TrialTimes(int trainImages) {
        this.trainImages = trainImages;
    }

    private enum Part {
        TRAINING("training"), VALIDATION("validation"), EPOCH_OTHER("building, checkpoints and recording epochs"),
        AFTER("latency, int8 scoring and recording trials"), ASKING("choosing the next trial");

        private final String words;

        Part(String words) {
            this.words = words;
        }
    }

    @Override
    public void trialStarted(Trial trial, int epochsDone) {
        long now = System.nanoTime();
        if (mark >= 0) {
            seconds[Part.ASKING.ordinal()] += (now - mark) / 1e9;
        }
        mark = now;
        epochSeconds = 0;
        epochs = 0;
    }

    @Override
    public void epochEnded(Trial trial, EpochRecord epoch) {
        long now = System.nanoTime();
        seconds[Part.EPOCH_OTHER.ordinal()] += (now - mark) / 1e9 - epoch.seconds();
        epochSeconds += epoch.seconds();
        epochs++;
        mark = now;
    }

    @Override
    public void trialFinished(Trial trial, Progress progress) {
        long now = System.nanoTime();
        seconds[Part.AFTER.ordinal()] += (now - mark) / 1e9;
        mark = now;
        // An epoch's seconds hold its batches and its validation; the throughput counts the batches alone.
        double training = trial.evaluation().filter(e -> e.imagesPerSecond() > 0)
                .map(e -> Math.min(epochSeconds, (double) trainImages * epochs / e.imagesPerSecond()))
                .orElse(epochSeconds);
        seconds[Part.TRAINING.ordinal()] += training;
        seconds[Part.VALIDATION.ordinal()] += epochSeconds - training;
    }

    /** Seconds spent training batches. */
    double training() {
        return seconds[Part.TRAINING.ordinal()];
    }

    /** Seconds in all since the first trial started. */
    double total() {
        double total = 0;
        for (double s : seconds) {
            total += s;
        }
        return total;
    }

    /**
     * E.g. {@code time: training 78% (95 s), validation 6%, building, checkpoints and recording epochs 2%, ...}; the
     * parts that are not training are the search's overhead.
     */
    String summary() {
        double total = total();
        StringBuilder text = new StringBuilder("time: ");
        for (Part part : Part.values()) {
            double share = total > 0 ? seconds[part.ordinal()] / total * 100 : 0;
            text.append(part == Part.TRAINING ? "" : ", ").append(part.words).append(String.format(Locale.ROOT,
                    " %.1f%%", share));
            if (part == Part.TRAINING) {
                text.append(String.format(Locale.ROOT, " (%.0f s of %.0f)", seconds[part.ordinal()], total));
            }
        }
        return text.toString();
    }
}
