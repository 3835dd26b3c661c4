package dev.nas.runs.app;

import dev.nas.core.scoring.Reward;
import dev.nas.core.search.Progress;
import dev.nas.core.search.SearchListener;
import dev.nas.core.study.Study;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Pruned;
import dev.nas.core.trial.Trial;
import dev.nas.runs.export.StudyStatus;
import dev.nas.space.ObjectiveSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Two lines per trial on the terminal: which trial and candidate, then its scores, the best so far, the front and
 * the time left at the current pace.
 */
final class ProgressPrinter implements SearchListener {

    private final PrintStream out;
    private final ObjectiveSpec objective;

    ProgressPrinter(PrintStream out, ObjectiveSpec objective) {
        this.out = out;
        this.objective = objective;
    }

    @Override
    public void trialStarted(Trial trial, int epochsDone) {
        String queued = trial.attributes().get(Study.ENQUEUED);
        out.printf("trial #%d  %s%s%s%n", trial.number(), trial.candidate().key(),
                queued == null ? "" : "  (queued #" + queued + ")",
                epochsDone == 0 ? "" : "  (continued after epoch " + epochsDone + " of " + trial.epochs() + ")");
    }

    @Override
    public void waiting(List<Trial> running) {
        out.printf("waiting for trial(s) %s, which other workers are running: the rest of the budget is theirs, "
                + "or the controller needs their results%n", running.stream().map(t -> "#" + t.number())
                .collect(Collectors.joining(", ")));
    }

    @Override
    public void trialLost(Trial trial, String why) {
        out.printf("  dropped: %s%n", why);
    }

    @Override
    public void trialFinished(Trial trial, Progress progress) {
        StringBuilder line = new StringBuilder("  ");
        if (trial.evaluation().isPresent()) {
            Evaluation e = trial.evaluation().get();
            line.append(String.format("acc %.1f%%  latency %s  %s params  reward %.4f", e.accuracy() * 100,
                    e.latency().median().map(ms -> String.format("%.2f ms", ms)).orElse("none"),
                    StudyStatus.count(e.cost().params()), Reward.of(objective, e.scores())));
            line.append(String.format("  (%.1f s, %.0f img/s)", e.trainSeconds(), e.imagesPerSecond()));
        } else if (trial.outcome().orElseThrow() instanceof Failed failed) {
            line.append("FAILED: ").append(failed.reason());
        } else if (trial.outcome().orElseThrow() instanceof Pruned pruned) {
            line.append(pruned.reason());
        } else {
            line.append(trial.state().name().toLowerCase(Locale.ROOT));
        }
        line.append(String.format("  |  budget %s/%s", StudyStatus.number(progress.spent()),
                StudyStatus.number(progress.budget())));
        progress.best().ifPresent(best -> line.append(String.format("  best %.4f (#%d)", progress.bestReward(),
                best.number())));
        line.append("  front ").append(progress.frontSize());
        progress.remaining().ifPresent(left -> line.append("  ~").append(duration(left)).append(" left"));
        out.println(line);
    }

    static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds >= 3600) {
            return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return seconds >= 60 ? String.format("%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }
}
