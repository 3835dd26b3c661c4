package dev.nas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PredictionReportTest {

    @Test
    void matchesAHandCount() {
        double[] measured = {1.0, 2.0, 4.0, 5.0};
        double[] predicted = {1.04, 2.3, 3.82, 5.6};
        // errors 0.04, 0.3, -0.18, 0.6; relative 4%, 15%, 4.5%, 12%; ranks agree on every pair.
        PredictionReport report = PredictionReport.of(measured, predicted);
        assertEquals(4, report.n());
        assertEquals(Math.sqrt((0.0016 + 0.09 + 0.0324 + 0.36) / 4), report.rmseMs(), 1e-12);
        assertEquals((0.04 + 0.15 + 0.045 + 0.12) / 4, report.mape(), 1e-12);
        assertEquals(0.5, report.within5());
        assertEquals(0.5, report.within10());
        assertEquals(1.0, report.kendallTau(), 1e-12);
        assertEquals(-1.0, PredictionReport.of(measured, new double[] {4, 3, 2, 1}).kendallTau(), 1e-12);
        assertEquals(0.0, PredictionReport.of(measured, new double[] {3, 3, 3, 3}).kendallTau(),
                "one figure for every network ranks nothing");
    }
}
