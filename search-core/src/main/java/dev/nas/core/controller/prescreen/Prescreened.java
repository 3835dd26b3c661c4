package dev.nas.core.controller.prescreen;

import dev.nas.core.study.Controller;
import dev.nas.core.study.Decision;
import dev.nas.core.study.StudyView;
import dev.nas.space.Candidate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Prescreening: the controller is asked for {@code proposals} candidates for the next trial (the same study, fresh
 * random draws) and only the one {@code proxy} scores highest is trained. A continuation of a trained trial (a
 * promotion, a PBT step) is the controller's alone and passes through, as does a proposal that repeats. The proxy
 * and its score are kept with the trial ({@value #ATTRIBUTE}).
 *
 * @param proxy a zero-cost proxy of an untrained candidate, higher for better; named for the record
 */
public record Prescreened(Controller controller, int proposals, String proxyName, ToDoubleFunction<Candidate> proxy)
        implements Controller {

    /** The attribute a prescreened trial keeps: the proxy, its score and how many proposals it was chosen from. */
    public static final String ATTRIBUTE = "prescreened";

    public Prescreened {
        if (proposals < 2) {
            throw new IllegalArgumentException("prescreening needs at least 2 proposals to choose from, got "
                    + proposals);
        }
    }

    @Override
    public Decision ask(StudyView study) {
        // Each redraw the study asks for gets proposals of its own.
        int first = study.redraw() * proposals;
        Decision decision = controller.ask(study.withRedraw(first));
        if (!(decision instanceof Decision.Start start) || start.parent().isPresent()) {
            return decision;
        }
        Decision.Start best = start;
        double bestScore = proxy.applyAsDouble(start.candidate());
        Set<Candidate> seen = new HashSet<>(Set.of(start.candidate()));
        for (int i = 1; i < proposals; i++) {
            if (controller.ask(study.withRedraw(first + i)) instanceof Decision.Start other
                    && other.parent().isEmpty() && seen.add(other.candidate())) {
                double score = proxy.applyAsDouble(other.candidate());
                if (score > bestScore) {
                    best = other;
                    bestScore = score;
                }
            }
        }
        Map<String, String> attributes = new HashMap<>(best.attributes());
        attributes.put(ATTRIBUTE, String.format(Locale.ROOT, "%s %.6g, best of %d", proxyName, bestScore,
                seen.size()));
        return new Decision.Start(best.candidate(), best.epochs(), attributes, best.parent());
    }
}
