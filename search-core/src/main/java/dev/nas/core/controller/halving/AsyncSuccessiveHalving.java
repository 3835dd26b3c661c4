package dev.nas.core.controller.halving;

import dev.nas.core.scoring.Ranking;
import dev.nas.core.study.Controller;
import dev.nas.core.study.Decision;
import dev.nas.core.study.StudyView;
import dev.nas.core.trial.Trial;
import java.util.List;
import java.util.Optional;

/**
 * Asynchronous successive halving, ASHA (Li et al. 2020): whenever a worker asks, promote the best not yet promoted
 * trial of the highest rung where one is in the top 1/eta of what that rung has seen so far; otherwise start a new
 * candidate at the lowest rung. Nobody waits for a rung to fill, so parallel workers never idle; a promoted trial
 * continues from its checkpoint.
 */
public final class AsyncSuccessiveHalving implements Controller {

    private final int eta;
    private final Ranking promotion;

    public AsyncSuccessiveHalving(int eta, Ranking promotion) {
        this.eta = eta;
        this.promotion = promotion;
    }

    @Override
    public Decision ask(StudyView study) {
        Ladder ladder = new Ladder(study, Rungs.of(study.spec().epochs(), eta), promotion);
        for (int rung = ladder.rungs().top() - 1; rung >= 0; rung--) {
            List<Trial> finished = ladder.at(rung, Optional.empty()).stream()
                    .filter(t -> t.outcome().isPresent()).toList();
            Optional<Trial> next = ladder.promotable(finished);
            if (next.isPresent()) {
                return ladder.promote(next.get(), Optional.empty());
            }
        }
        return ladder.fresh(0, Optional.empty());
    }
}
