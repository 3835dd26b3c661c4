package dev.nas.runs.app;

import dev.nas.core.storage.StudyRefused;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.WarmStart;
import dev.nas.core.trial.Completed;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Trial;
import dev.nas.eval.table.TableObjective;
import dev.nas.eval.table.TableRow;
import dev.nas.eval.table.TabularBenchmark;
import dev.nas.runs.storage.ServerStudy;
import dev.nas.runs.storage.StudyAddress;
import dev.nas.runs.storage.StudyFiles;
import dev.nas.space.BadInput;
import dev.nas.space.Candidate;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.Footprint;
import dev.nas.space.plan.NetworkPlan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code --warm-start SOURCE} names: an earlier study of the same space (as {@code --db} names one: a study file,
 * a server study's URL, {@code @NAME}) or a tabular benchmark of it ({@code table:FILE.csv}, or a path ending in
 * {@code .csv}), read into the {@link WarmStart} a new study is made with. The source is checked before anything is
 * written: another space, a study with nothing completed, or trials without the latency the study ranks by are
 * refused with what is wrong.
 *
 * <pre>{@code
 * WarmStartSource source = WarmStartSource.of("runs/yesterday");
 * location.openOrCreate(spec, runOptions, Optional.of(source.identity()), id -> source.read(spec, out));
 * }</pre>
 *
 * @param given    the source as the command line gave it, for messages
 * @param identity the source as the study keeps and compares it: {@code table:} and the table's absolute path, the
 *                 study file's absolute path, or the server study's URL
 */
public record WarmStartSource(String given, String identity) {

    private static final String TABLE = SearchSettings.TABLE;

    /** The source {@code given} names; refused if it names nothing a study could be warm-started from. */
    public static WarmStartSource of(String given) {
        if (given.isBlank()) {
            throw new BadInput("--warm-start: give an earlier study (as --db names one) or a tabular benchmark, "
                    + "table:FILE.csv");
        }
        Path table = table(given);
        if (table != null) {
            return new WarmStartSource(given, TABLE + table.toAbsolutePath().normalize());
        }
        StudyAddress address = StudyAddress.of(given);
        return new WarmStartSource(given, address instanceof StudyFiles files
                ? files.database().toAbsolutePath().normalize().toString() : ((ServerStudy) address).url());
    }

    private static Path table(String given) {
        if (given.startsWith(TABLE)) {
            return Path.of(given.substring(TABLE.length()));
        }
        return given.toLowerCase(Locale.ROOT).endsWith(".csv") && !given.startsWith("jdbc:") ? Path.of(given) : null;
    }

    /**
     * The warm start of a new study with {@code spec}: the source's completed trials, checked against the study. What
     * a user should know about them (trained for other epochs, on other data) is said on {@code out}.
     */
    public WarmStart read(StudySpec spec, PrintStream out) {
        Path table = table(given);
        WarmStart warm = table != null ? fromTable(table, spec) : fromStudy(spec, out);
        if (spec.objective().hasLatency()) {
            warm.trials().stream().filter(t -> !t.evaluation().orElseThrow().latency().known()).findFirst()
                    .ifPresent(t -> {
                        throw refused("its trials have no latency (the first: " + t.candidate().key() + "), and "
                                + "this study's objective ranks candidates by latency");
                    });
        }
        return warm;
    }

    private WarmStart fromStudy(StudySpec spec, PrintStream out) {
        StudyAddress address = StudyAddress.of(given);
        Earlier earlier;
        try {
            earlier = address.location().read(study -> new Earlier(study.spec(), study.trials()));
        } catch (StudyRefused e) {
            throw refused(e.getMessage());
        }
        List<String> differences = spec.space().candidateDifferences(earlier.spec().space());
        if (!differences.isEmpty()) {
            throw refused("its trials are of another space (this study's vs its): " + String.join("; ", differences)
                    + ". A warm start needs the same candidates: the same input, stem, blocks, head and training "
                    + "settings; name, objective and epochs may differ");
        }
        List<Trial> completed = earlier.spec().fullFidelity(earlier.trials());
        if (completed.isEmpty()) {
            throw refused("it has no trial completed at full fidelity to start from (" + earlier.trials().size()
                    + " trial(s) in all)");
        }
        completed.forEach(t -> check(spec, t.candidate()));
        if (earlier.spec().fullEpochs() != spec.fullEpochs()) {
            out.printf("nas: warm start: its trials trained %d epoch(s), this study's train %d: what they scored is "
                    + "what the controller knows%n", earlier.spec().fullEpochs(), spec.fullEpochs());
        }
        if (!earlier.spec().data().sha256().equals(spec.data().sha256())) {
            out.printf("nas: warm start: its trials were scored on %s; this study's are scored on %s%n",
                    earlier.spec().data().description(), spec.data().description());
        }
        return WarmStart.of(identity, completed, t -> "trial " + t.number());
    }

    /** What a table's row would have given a trial of this study: its accuracies up to the study's full epochs. */
    private WarmStart fromTable(Path file, StudySpec spec) {
        TabularBenchmark benchmark;
        try {
            benchmark = TabularBenchmark.read(file, spec.space());
        } catch (BadInput e) {
            throw refused(e.getMessage());
        }
        if (benchmark.rows().isEmpty()) {
            throw refused("the table has no rows");
        }
        TableObjective lookedUp = new TableObjective(benchmark);
        Instant now = Instant.now();
        List<Trial> trials = new ArrayList<>();
        for (TableRow row : benchmark.rows()) {
            Candidate candidate = check(spec, row.candidate());
            List<EpochRecord> epochs = new ArrayList<>();
            for (int e = 1; e <= Math.min(spec.fullEpochs(), row.accuracyByEpoch().size()); e++) {
                epochs.add(new EpochRecord(e, Double.NaN, row.accuracyByEpoch().get(e - 1), 0));
            }
            NetworkPlan plan = NetworkPlan.of(spec.space(), candidate);
            Cost cost = Cost.of(plan);
            Evaluation evaluation = new Evaluation(epochs, lookedUp.latency(candidate), cost, 0, 0, Optional.empty(),
                    Optional.empty(), Footprint.of(plan, cost, spec.space().objective().latency().precision())
                    .with(row.columns()));
            trials.add(Trial.start(trials.size() + 1, candidate, 0, epochs.size(), Map.of(), now)
                    .finish(new Completed(evaluation), now));
        }
        return WarmStart.of(identity, trials, t -> "row " + t.number());
    }

    /** A source's candidate, which must be one of this study's space. */
    private Candidate check(StudySpec spec, Candidate candidate) {
        try {
            return spec.space().check(candidate);
        } catch (IllegalArgumentException e) {
            throw refused("its candidate " + candidate.key() + " is not one of this study's space: " + e.getMessage());
        }
    }

    private BadInput refused(String why) {
        return new BadInput("--warm-start " + given + ": " + why);
    }

    /** An earlier study as read. */
    private record Earlier(StudySpec spec, List<Trial> trials) {
    }
}
