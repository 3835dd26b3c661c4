package dev.nas.runs.export;

import dev.nas.core.scoring.Reward;
import dev.nas.core.storage.Queued;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.WarmStart;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Quantized;
import dev.nas.core.trial.Trial;
import dev.nas.space.BlockChoice;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The tables of a study: its Pareto front and all its trials. */
public final class StudyTables {

    /** The front's last column: every objective with its unit and direction. */
    public static final String OBJECTIVES = "objectives";
    /** The objectives the tables have fixed columns for. */
    private static final List<Objective> FIXED = List.of(Objective.ACCURACY, Objective.LATENCY, Objective.PARAMS,
            Objective.MACS);
    private static final List<String> FRONT_COLUMNS = List.of("trial", "accuracy", "latency_ms",
            "latency_spread_ms", "params", "macs", "reward", "feasible", "architecture", "key");
    private static final List<String> TRIAL_COLUMNS = List.of("trial", "state", "accuracy", "trained_accuracy",
            "latency_ms", "latency_spread_ms", "latency_source", "compared_latency_ms", "params", "macs",
            "quantized_bytes", "float_bytes", "reward", "feasible", "epochs", "parent", "fidelity", "train_seconds",
            "images_per_second", "reason", "origin", "started", "finished", "key");

    private StudyTables() {
    }

    /**
     * One row per front member, best first in the first objective traded off against accuracy (fastest first, where
     * that is latency). After the fixed columns, one per objective that has none of them (memory, size, a table's
     * columns), named with its unit ({@link #column}); the last column names every objective with its unit and
     * direction, so that a CSV or JSON file says what it holds.
     */
    public static Table front(StudySpec spec, List<Trial> trials) {
        ObjectiveSpec objective = spec.objective();
        List<Objective> extra = extra(objective);
        List<String> columns = new ArrayList<>(FRONT_COLUMNS.subList(0, FRONT_COLUMNS.size() - 2));
        extra.forEach(o -> columns.add(column(o)));
        columns.addAll(List.of("architecture", "key", OBJECTIVES));
        return new Table(columns, spec.front(trials).stream().map(trial -> {
            Evaluation e = trial.evaluation().orElseThrow();
            List<Object> row = new ArrayList<>(Table.row(trial.number(), e.accuracy(),
                    e.latency().median().orElse(null), e.latency().spread().orElse(null),
                    e.cost().params(), e.cost().macs(), Reward.of(objective, e.scores()),
                    Reward.feasible(objective, e.scores())));
            extra.forEach(o -> row.add(value(e, o)));
            row.addAll(List.of(architecture(trial), trial.candidate().key(), describe(objective)));
            return row;
        }).toList());
    }

    /** The objectives without a fixed column of their own: memory, size and a table's columns. */
    public static List<Objective> extra(ObjectiveSpec objective) {
        return objective.pareto().stream().filter(o -> !FIXED.contains(o)).toList();
    }

    /**
     * An objective's column in the front and trials tables: its name and unit, as {@code latency_ms} is, unless its
     * name already ends in its unit ({@code energy_mj} in mJ): {@code memory_bytes}, {@code score_points}.
     */
    public static String column(Objective objective) {
        if (objective.equals(Objective.LATENCY)) {
            return "latency_ms";
        }
        if (FIXED.contains(objective)) {
            return objective.token();
        }
        String unit = objective.unit().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        return objective.token().toLowerCase(Locale.ROOT).endsWith("_" + unit) ? objective.token()
                : objective.token() + "_" + unit;
    }

    /** Every objective with its unit and direction: {@code accuracy (fraction, maximize); energy_mj (mJ, minimize)}. */
    public static String describe(ObjectiveSpec objective) {
        return objective.pareto().stream().map(Objective::describe).collect(Collectors.joining("; "));
    }

    private static Double value(Evaluation e, Objective objective) {
        double value = e.scores().value(objective);
        return Double.isNaN(value) ? null : value;
    }

    /**
     * One row per trial, in trial order, with its state and, where it has them, its results: its accuracy as scored
     * (the int8 model's where the study quantizes, with the sizes of its int8 and float model files) and the
     * trained network's, its latency and, where the study compares two engines, the second one's.
     */
    public static Table trials(StudySpec spec, List<Trial> trials) {
        return trials(spec, Optional.empty(), trials, List.of());
    }

    /**
     * As {@link #trials(StudySpec, List)}, the warm-start trials first (numbered below 0), and each trial's origin: a
     * warm start's source, the queue, or (empty) the controller.
     */
    public static Table trials(StudySpec spec, Optional<WarmStart> warm, List<Trial> trials, List<Queued> queue) {
        ObjectiveSpec objective = spec.objective();
        List<Objective> extra = extra(objective);
        int before = TRIAL_COLUMNS.indexOf("reward");
        List<String> columns = new ArrayList<>(TRIAL_COLUMNS.subList(0, before));
        extra.forEach(o -> columns.add(column(o)));
        columns.addAll(TRIAL_COLUMNS.subList(before, TRIAL_COLUMNS.size()));
        Map<String, Queued> queued = queue.stream().collect(Collectors.toMap(q -> Integer.toString(q.position()),
                Function.identity()));
        List<Trial> all = new ArrayList<>(warm.map(WarmStart::trials).orElse(List.of()));
        all.addAll(trials);
        return new Table(columns, all.stream().map(trial -> {
            Optional<Evaluation> e = trial.evaluation();
            List<Object> row = new ArrayList<>(Table.row(trial.number(), trial.state().name().toLowerCase(Locale.ROOT),
                    e.map(Evaluation::accuracy).orElse(null),
                    e.map(Evaluation::trainedAccuracy).orElse(null),
                    e.flatMap(x -> x.latency().median()).orElse(null),
                    e.flatMap(x -> x.latency().spread()).orElse(null),
                    e.map(x -> x.latency().source().name().toLowerCase(Locale.ROOT)).orElse(null),
                    e.flatMap(Evaluation::comparedLatency).map(Latency::medianMs).orElse(null),
                    e.map(x -> x.cost().params()).orElse(null),
                    e.map(x -> x.cost().macs()).orElse(null),
                    e.flatMap(Evaluation::quantized).map(Quantized::bytes).orElse(null),
                    e.flatMap(Evaluation::quantized).map(Quantized::floatBytes).orElse(null)));
            extra.forEach(o -> row.add(e.map(x -> value(x, o)).orElse(null)));
            row.addAll(Table.row(e.map(x -> Reward.of(objective, x.scores())).orElse(null),
                    e.map(x -> Reward.feasible(objective, x.scores())).orElse(null),
                    trial.epochsSpent(),
                    trial.parent().map(Parent::trial).orElse(null),
                    trial.fidelity(),
                    e.map(Evaluation::trainSeconds).orElse(null),
                    e.map(Evaluation::imagesPerSecond).orElse(null),
                    trial.reason().orElse(null),
                    origin(trial, warm, queued),
                    trial.started().toString(),
                    trial.finished().map(Object::toString).orElse(null),
                    trial.candidate().key()));
            return row;
        }).toList());
    }

    /** Where a trial's candidate came from, if not from the controller: a warm start, or the queue. */
    public static String origin(Trial trial, Optional<WarmStart> warm, Map<String, Queued> queued) {
        if (trial.warmStart()) {
            return "warm start: " + trial.attributes().get(WarmStart.FROM) + " of "
                    + warm.map(WarmStart::source).orElse("an earlier study");
        }
        String position = trial.attributes().get(Study.ENQUEUED);
        if (position == null) {
            return null;
        }
        Queued q = queued.get(position);
        return "queued #" + position + (q == null ? "" : " from " + q.source());
    }

    /** A candidate's architecture in words, on one line. */
    public static String architecture(Trial trial) {
        return trial.candidate().blocks().stream().map(BlockChoice::describe).collect(Collectors.joining("; "))
                + "; " + trial.candidate().training().describe();
    }
}
