package dev.nas.latency.experiment;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.lut.FittedTable;
import dev.nas.latency.lut.LookupTable;
import dev.nas.latency.predictor.HoldOut;
import dev.nas.latency.predictor.LatencyPredictor;
import dev.nas.latency.predictor.PredictorTraining;
import dev.nas.space.SearchSpace;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Every network's latency estimated by models that never saw it: the networks split into {@code folds} folds, each
 * predicted by the lookup table fitted on the others, and by predictors trained on the others with and without the
 * table's estimate as a feature. What {@code nas latency bench} scores.
 *
 * @param lut          the table's estimate of each network
 * @param withTable    the predictor's, with the table as a feature
 * @param withoutTable the predictor's, from the architecture alone
 * @param lastFit      the last fold's table and fit, to time an estimate with
 * @param lastWith     the last fold's predictor with the table
 * @param lastWithout  the last fold's predictor without it
 */
public record KFoldExperiment(double[] lut, double[] withTable, double[] withoutTable, FittedTable lastFit,
                              LatencyPredictor lastWith, LatencyPredictor lastWithout) {

    /** Runs the folds over {@code networks}, measured on {@code device}, whose complete {@code table} is given. */
    public static KFoldExperiment run(SearchSpace space, LookupTable table, List<MeasuredNetwork> networks, int folds,
                                      long seed, String device, Consumer<String> progress) {
        int n = networks.size();
        double[] lut = new double[n];
        double[] predicted = new double[n];
        double[] withoutTable = new double[n];
        int[] fold = PredictorTraining.folds(n, folds, seed);
        HoldOut last = null;
        HoldOut lastAlone = null;
        for (int f = 0; f < folds; f++) {
            int held = f;
            List<MeasuredNetwork> training = IntStream.range(0, n).filter(i -> fold[i] != held)
                    .mapToObj(networks::get).toList();
            int[] test = IntStream.range(0, n).filter(i -> fold[i] == held).toArray();
            List<MeasuredNetwork> testing = Arrays.stream(test).mapToObj(networks::get).toList();
            last = HoldOut.of(space, table, training, testing, folds, seed, device);
            lastAlone = HoldOut.of(space, LookupTable.EMPTY, training, testing, folds, seed, device);
            for (int j = 0; j < test.length; j++) {
                lut[test[j]] = last.lutMs().orElseThrow()[j];
                predicted[test[j]] = last.predicted()[j];
                withoutTable[test[j]] = lastAlone.predicted()[j];
            }
            progress.accept(String.format("fold %d/%d: table %s; predictor %s, without the table %s", f + 1, folds,
                    last.fit().orElseThrow(), last.training().predictor().label(),
                    lastAlone.training().predictor().label()));
        }
        return new KFoldExperiment(lut, predicted, withoutTable, last.fit().orElseThrow(),
                last.training().predictor(), lastAlone.training().predictor());
    }
}
