package dev.nas.runs.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nas.core.scoring.Reward;
import dev.nas.core.storage.Queued;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.WarmStart;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.runs.storage.Workers;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a study stands: its settings, trials by state, budget, best trial and front size, what it was warm-started
 * with and what waits in its queue.
 */
public record StudyStatus(String database, String space, @JsonProperty("space_file") String spaceFile,
                          @JsonProperty("searched_dimensions") int searchedDimensions, String controller, long seed,
                          String epochs, String data, @JsonProperty("data_sha256") String dataSha256, double budget,
                          @JsonProperty("budget_spent") double budgetSpent,
                          @JsonProperty("budget_left") double budgetLeft, int trials,
                          @JsonProperty("trials_by_state") ByState trialsByState, Best best,
                          @JsonProperty("front_size") int frontSize, List<WorkerStatus> workers,
                          @JsonProperty("stale_leases") List<Integer> staleLeases,
                          @JsonProperty("warm_start") WarmStartStatus warmStart, QueueStatus queue) {

    public record ByState(int running, int complete, int failed, int pruned) {
    }

    /**
     * The trials a study was warm-started with: known to its controller, not its own.
     *
     * @param source the earlier study, or {@code table:} and the table
     */
    public record WarmStartStatus(String source, int trials) {
    }

    /**
     * The candidates queued to be tried first.
     *
     * @param waiting keys of those no trial has taken yet, next first
     * @param taken   the trials that took the others
     */
    public record QueueStatus(List<String> waiting, List<Integer> taken) {
    }

    /**
     * A worker that joined the study: {@code working}, {@code stopped} (it said so), or {@code gone} (no heartbeat
     * for longer than the lease: killed, or cut off).
     *
     * @param trial            the trial in flight, if any
     * @param heartbeatSecondsAgo seconds since its last heartbeat, by the database's clock
     */
    public record WorkerStatus(String id, String host, long pid, String state, Integer trial,
                               @JsonProperty("heartbeat_seconds_ago") long heartbeatSecondsAgo,
                               @JsonProperty("trials_run") int trialsRun) {
    }

    /** @param latencyMs null if the study's candidates have no latency */
    public record Best(int trial, double reward, double accuracy, @JsonProperty("latency_ms") Double latencyMs,
                       long params, String key) {
    }

    public static StudyStatus of(String database, StudySpec spec, List<Trial> trials, Workers.Roster roster) {
        return of(database, spec, trials, roster, Optional.empty(), List.of());
    }

    public static StudyStatus of(String database, StudySpec spec, List<Trial> trials, Workers.Roster roster,
                                 Optional<WarmStart> warm, List<Queued> queue) {
        double spent = spec.spent(trials);
        Best best = spec.best(trials).map(t -> {
            Evaluation e = t.evaluation().orElseThrow();
            return new Best(t.number(), Reward.of(spec.objective(), e.scores()), e.accuracy(),
                    e.latency().median().orElse(null), e.cost().params(), t.candidate().key());
        }).orElse(null);
        return new StudyStatus(database, spec.space().name(), spec.spaceOrigin(),
                spec.space().codec().dimensions().size(), spec.controller().describe(), spec.seed(),
                        spec.epochs().toString(),
                spec.data().description() + (spec.data() instanceof DataRef.Images images
                        ? images.normalization().map(stats -> "; normalised per channel by " + stats).orElse("") : ""),
                spec.data().sha256(), spec.budget(), spent,
                Math.max(0, spec.budget() - spent), trials.size(),
                new ByState(count(trials, TrialState.RUNNING), count(trials, TrialState.COMPLETE),
                        count(trials, TrialState.FAILED), count(trials, TrialState.PRUNED)),
                best, spec.front(trials).size(), roster.workers().stream().map(w -> new WorkerStatus(w.id(), w.host(),
                        w.pid(), w.stopped().isPresent() ? "stopped" : w.gone() ? "gone" : "working",
                        w.trial().isPresent() ? w.trial().getAsInt() : null,
                        Duration.between(w.heartbeat(), roster.now()).toSeconds(), roster.trialsOf(w.id()).size()))
                        .toList(), roster.staleLeases(),
                warm.map(w -> new WarmStartStatus(w.source(), w.trials().size())).orElse(null),
                new QueueStatus(Study.waiting(queue, trials).stream().map(q -> q.candidate().key()).toList(),
                        trials.stream().filter(t -> t.attributes().containsKey(Study.ENQUEUED)).map(Trial::number)
                                .toList()));
    }

    private static int count(List<Trial> trials, TrialState state) {
        return (int) trials.stream().filter(t -> t.state() == state).count();
    }

    /** For a terminal. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("study       %s%n", database));
        out.append(String.format("space       %s (%s), %d searched dimensions%n", space, spaceFile,
                searchedDimensions));
        out.append(String.format("controller  %s, seed %d, %s epoch(s) per candidate%n", controller, seed, epochs));
        out.append(String.format("data        %s%n", data));
        out.append(String.format("budget      %s of %s full trainings spent, %s left%n", number(budgetSpent),
                number(budget), number(budgetLeft)));
        out.append(String.format("trials      %d: %d complete, %d failed, %s%d running%n", trials,
                trialsByState.complete(), trialsByState.failed(), trialsByState.pruned() == 0 ? ""
                        : trialsByState.pruned() + " pruned, ", trialsByState.running()));
        out.append(best == null ? "best        none yet\n"
                : String.format(Locale.ROOT,
                        "best        #%d reward %.4f: accuracy %.1f%%, latency %s, %s params%n",
                        best.trial(), best.reward(), best.accuracy() * 100, best.latencyMs() == null ? "none"
                                : String.format(Locale.ROOT, "%.2f ms", best.latencyMs()), count(best.params())));
        out.append(String.format("front       %d trials%n", frontSize));
        if (warmStart != null) {
            out.append(String.format("warm start  %d trials of %s, numbered -%d to -1: known to the controller, not "
                    + "counted in the budget or on the front%n", warmStart.trials(), warmStart.source(),
                    warmStart.trials()));
        }
        if (!queue.waiting().isEmpty() || !queue.taken().isEmpty()) {
            out.append(String.format("queued      %d waiting%s; %d taken%s%n", queue.waiting().size(),
                    queue.waiting().isEmpty() ? "" : " (next: " + queue.waiting().get(0) + ")", queue.taken().size(),
                    queue.taken().isEmpty() ? "" : " by trial(s) " + queue.taken().stream().map(n -> "#" + n)
                            .collect(Collectors.joining(", "))));
        }
        List<WorkerStatus> active = workers.stream().filter(w -> !w.state().equals("stopped")).toList();
        out.append(String.format("workers     %d working, %d gone, %d stopped%n", active.stream()
                .filter(w -> w.state().equals("working")).count(), active.stream()
                .filter(w -> w.state().equals("gone")).count(), workers.size() - active.size()));
        for (WorkerStatus w : active) {
            out.append(String.format("  %-7s %s (host %s, process %d): %s, heartbeat %d s ago, %d trial(s) run%n",
                    w.state(), w.id(), w.host(), w.pid(), w.trial() == null ? "no trial"
                            : "trial #" + w.trial(), w.heartbeatSecondsAgo(), w.trialsRun()));
        }
        if (!staleLeases.isEmpty()) {
            out.append(String.format("stale       lease of trial(s) %s lapsed: the next worker to ask takes each over "
                    + "from its last epoch%n", staleLeases.stream().map(n -> "#" + n)
                    .collect(Collectors.joining(", "))));
        }
        return out.toString();
    }

    /** A budget figure: whole numbers without decimals. */
    public static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** A parameter count: 812, 45.1k, 5.29M. */
    public static String count(long value) {
        if (value >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2fM", value / 1e6);
        }
        return value >= 1000 ? String.format(Locale.ROOT, "%.1fk", value / 1e3) : Long.toString(value);
    }
}
