package dev.nas.core.controller.halving;

import dev.nas.core.scoring.Ranking;
import dev.nas.core.study.Controller;
import dev.nas.core.study.Decision;
import dev.nas.core.study.StudyView;
import dev.nas.core.trial.Trial;
import java.util.List;
import java.util.Optional;

/**
 * Synchronous successive halving (Jamieson and Talwalkar 2016) and Hyperband (Li et al. 2018), bracket after
 * bracket until the budget is spent. A bracket starts n candidates at one rung; once all of a rung's trials have
 * finished, exactly its top floor(n / eta) continue from their checkpoints to the next rung. Successive halving runs
 * every bracket from the lowest rung with eta^s_max candidates; Hyperband cycles through brackets s = s_max .. 0,
 * bracket s starting ceil((s_max + 1) / (s + 1)) eta^s candidates at rung s_max - s, hedging against a lowest rung
 * too short to tell candidates apart. A bracket waiting for running trials is passed over, so parallel workers
 * open the next one.
 */
public final class SuccessiveHalving implements Controller {

    private final int eta;
    private final Ranking promotion;
    private final boolean hyperband;

    public SuccessiveHalving(int eta, Ranking promotion, boolean hyperband) {
        this.eta = eta;
        this.promotion = promotion;
        this.hyperband = hyperband;
    }

    @Override
    public Decision ask(StudyView study) {
        Ladder ladder = new Ladder(study, Rungs.of(study.spec().epochs(), eta), promotion);
        for (int bracket = 0; ; bracket++) {
            Optional<Decision> decision = next(ladder, bracket);
            if (decision.isPresent()) {
                return decision.get();
            }
        }
    }

    /** What bracket {@code b} needs next, or empty when it is finished or waiting for running trials. */
    private Optional<Decision> next(Ladder ladder, int b) {
        int sMax = ladder.rungs().top();
        int s = hyperband ? sMax - b % (sMax + 1) : sMax;
        int first = sMax - s;
        // For s = s_max this is eta^s_max: successive halving is Hyperband's most aggressive bracket, repeated.
        int starts = (int) Math.ceil((sMax + 1.0) / (s + 1)) * (int) Math.pow(eta, s);
        Optional<Integer> bracket = Optional.of(b);
        List<Trial> rung = ladder.at(first, bracket);
        if (rung.size() < starts) {
            return Optional.of(ladder.fresh(first, bracket));
        }
        for (int r = first; r < sMax; r++) {
            if (Ladder.anyRunning(rung)) {
                return Optional.empty();
            }
            List<Trial> above = ladder.at(r + 1, bracket);
            if (above.size() < rung.size() / eta) {
                Optional<Trial> next = ladder.promotable(rung);
                if (next.isPresent()) {
                    return Optional.of(ladder.promote(next.get(), bracket));
                }
            }
            rung = above;
        }
        return Optional.empty();
    }
}
