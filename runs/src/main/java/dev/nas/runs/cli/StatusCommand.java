package dev.nas.runs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nas.core.scoring.Front;
import dev.nas.core.scoring.Reward;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.runs.storage.H2Storage;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints a study's settings, its trials by state, the budget spent and left, the best trial so",
            "far and the size of the Pareto front."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    StudyOption study;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json, got '" + format + "'");
        }
        try (H2Storage storage = study.open()) {
            Map<String, Object> status = status(storage);
            if (format.equals("json")) {
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(status));
            } else {
                System.out.print(text(status));
            }
        }
        return Main.DONE;
    }

    static Map<String, Object> status(H2Storage storage) {
        StudySpec spec = storage.spec();
        List<Trial> trials = storage.trials();
        Map<TrialState, Integer> byState = new EnumMap<>(TrialState.class);
        for (TrialState state : TrialState.values()) {
            byState.put(state, 0);
        }
        trials.forEach(t -> byState.merge(t.state(), 1, Integer::sum));
        double spent = trials.stream().mapToInt(Trial::epochsSpent).sum() / (double) spec.fullEpochs();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("database", storage.file().toString());
        status.put("space", spec.space().name());
        status.put("space_file", spec.spaceOrigin());
        status.put("searched_dimensions", spec.space().codec().dimensions().size());
        status.put("controller", spec.controller());
        status.put("seed", spec.seed());
        status.put("epochs", spec.epochs().toString());
        status.put("data", spec.data().description());
        status.put("data_sha256", spec.data().sha256());
        status.put("budget", spec.budget());
        status.put("budget_spent", spent);
        status.put("budget_left", Math.max(0, spec.budget() - spent));
        status.put("trials", trials.size());
        Map<String, Integer> states = new LinkedHashMap<>();
        byState.forEach((state, count) -> states.put(state.name().toLowerCase(Locale.ROOT), count));
        status.put("trials_by_state", states);
        Optional<Trial> best = trials.stream().filter(t -> t.evaluation().isPresent()).max(Comparator.comparingDouble(
                t -> Reward.of(spec.space().objective(), t.evaluation().orElseThrow().scores())));
        status.put("best", best.map(t -> {
            Evaluation e = t.evaluation().orElseThrow();
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("trial", t.number());
            b.put("reward", Reward.of(spec.space().objective(), e.scores()));
            b.put("accuracy", e.accuracy());
            b.put("latency_ms", e.latency().medianMs());
            b.put("params", e.cost().params());
            b.put("key", t.candidate().key());
            return b;
        }).orElse(null));
        status.put("front_size", Front.of(spec.space().objective(), trials).size());
        return status;
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("study       %s%n", s.get("database")));
        out.append(String.format("space       %s (%s), %s searched dimensions%n", s.get("space"), s.get("space_file"),
                s.get("searched_dimensions")));
        out.append(String.format("controller  %s, seed %s, %s epoch(s) per candidate%n", s.get("controller"),
                s.get("seed"), s.get("epochs")));
        out.append(String.format("data        %s%n", s.get("data")));
        out.append(String.format("budget      %s of %s full trainings spent, %s left%n",
                ProgressPrinter.number((Double) s.get("budget_spent")),
                ProgressPrinter.number((Double) s.get("budget")),
                ProgressPrinter.number((Double) s.get("budget_left"))));
        Map<String, Integer> states = (Map<String, Integer>) s.get("trials_by_state");
        out.append(String.format("trials      %s: %d complete, %d failed, %d pruned, %d running%n", s.get("trials"),
                states.get("complete"), states.get("failed"), states.get("pruned"), states.get("running")));
        Map<String, Object> best = (Map<String, Object>) s.get("best");
        if (best == null) {
            out.append("best        none yet\n");
        } else {
            out.append(String.format("best        #%s reward %.4f: accuracy %.1f%%, latency %.2f ms, %s params%n",
                    best.get("trial"), (Double) best.get("reward"), (Double) best.get("accuracy") * 100,
                    (Double) best.get("latency_ms"), ProgressPrinter.count((Long) best.get("params"))));
        }
        out.append(String.format("front       %s trials%n", s.get("front_size")));
        return out.toString();
    }
}
