package dev.nas.runs.app;

import dev.nas.core.storage.Queued;
import dev.nas.core.storage.StudyRefused;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Trial;
import dev.nas.runs.storage.StudyAddress;
import dev.nas.runs.storage.StudyFiles;
import dev.nas.runs.storage.StudySnapshot;
import dev.nas.space.BadInput;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code nas enqueue}: queues candidates for a study's next trials to train first, in order, before its controller is
 * asked (Optuna's {@code enqueue_trial}). Candidates are given by key, as {@code nas trials} prints them, or as an
 * architecture file, a space with every choice fixed as {@code nas export} writes {@code architecture.yaml}. Every one
 * is checked against the study's space before anything is queued: one that is not in it is refused, naming it, and
 * nothing is queued.
 *
 * <pre>{@code
 * new Enqueue(StudyAddress.of("runs/night"), List.of(key), List.of(), false).run(Instant.now());
 * }</pre>
 *
 * @param keys          candidate keys, queued in this order, first
 * @param architectures architecture files, queued after the keys, in this order
 * @param skipIfExists  leave out a candidate the study has tried, is trying, knows from its warm start or has
 *                      waiting in its queue already (Optuna's {@code skip_if_exists})
 */
public record Enqueue(StudyAddress study, List<String> keys, List<Path> architectures, boolean skipIfExists) {

    public static final String KEY = "--key";

    public Enqueue {
        keys = List.copyOf(keys);
        architectures = List.copyOf(architectures);
        if (keys.isEmpty() && architectures.isEmpty()) {
            throw new BadInput("give the candidates to queue: --key KEY (as nas trials prints them) or "
                    + "--architecture FILE.yaml (as nas export writes them), each as often as needed");
        }
    }

    /**
     * What was queued, and a line per candidate given, saying where it was queued or why it was left out.
     */
    public record Result(List<Queued> queued, List<String> lines) {
    }

    /** Queues the candidates, all at once, or none if one is not the study's. */
    public Result run(Instant now) {
        StudySnapshot stored = study.location().snapshot();
        SearchSpace space = stored.spec().space();
        List<Candidate> byKey = keys.stream().map(key -> fromKey(space, key)).toList();
        List<Candidate> byFile = architectures.stream().map(file -> fromFile(stored.spec(), file)).toList();
        Set<Candidate> known = skipIfExists ? known(stored) : new HashSet<>();
        List<String> lines = new ArrayList<>();
        List<Candidate> keyed = keep(byKey, KEY, known, lines);
        List<List<Candidate>> filed = new ArrayList<>();
        for (int i = 0; i < byFile.size(); i++) {
            filed.add(keep(List.of(byFile.get(i)), architectures.get(i).toString(), known, lines));
        }
        List<Queued> queued;
        try {
            queued = study.location().update(store -> {
                List<Queued> added = new ArrayList<>(keyed.isEmpty() ? List.of() : store.enqueue(keyed, KEY, now));
                for (int i = 0; i < filed.size(); i++) {
                    if (!filed.get(i).isEmpty()) {
                        added.addAll(store.enqueue(filed.get(i), source(architectures.get(i)), now));
                    }
                }
                return added;
            });
        } catch (StudyRefused e) {
            throw study instanceof StudyFiles ? new StudyRefused(e.getMessage() + ". Candidates are queued into a "
                    + "study file between searches: stop the search (Ctrl-C), enqueue, and resume it", e) : e;
        }
        for (Queued q : queued) {
            List<String> tried = stored.trials().stream().filter(t -> t.candidate().equals(q.candidate()))
                    .map(t -> "#" + t.number()).toList();
            lines.add(String.format("nas: queued #%d %s from %s%s", q.position(), q.candidate().key(), q.source(),
                    tried.isEmpty() ? "" : " (tried before: trial " + String.join(", ", tried) + ")"));
        }
        return new Result(queued, lines);
    }

    /** The candidate {@code key} names, which must be one of the study's space. */
    private static Candidate fromKey(SearchSpace space, String key) {
        try {
            return space.check(Candidate.parse(key));
        } catch (IllegalArgumentException e) {
            throw new BadInput("--key " + key + ": not a candidate of the study's space '" + space.name() + "': "
                    + e.getMessage());
        }
    }

    /**
     * The one candidate of the architecture file {@code file}, which must be this study's network: the same input,
     * stem, blocks and head, and a candidate of its space.
     */
    private static Candidate fromFile(StudySpec spec, Path file) {
        SearchSpace architecture = SpaceSource.read(file).space();
        int searched = architecture.codec().dimensions().size();
        Candidate candidate = architecture.onlyCandidate().orElseThrow(() -> new BadInput("--architecture " + file
                + ": a space with " + searched + " searched dimension(s), not one architecture; give a file with "
                + "every choice fixed, as nas export writes architecture.yaml"));
        try {
            spec.space().check(candidate);
        } catch (IllegalArgumentException e) {
            throw new BadInput("--architecture " + file + ": its candidate " + candidate.key() + " is not one of the "
                    + "study's space '" + spec.space().name() + "': " + e.getMessage());
        }
        List<String> differences = spec.space().only(candidate, spec.epochs()).candidateDifferences(architecture);
        if (!differences.isEmpty()) {
            throw new BadInput("--architecture " + file + ": not the study's network for " + candidate.key()
                    + " (the study's vs the file's): " + String.join("; ", differences));
        }
        return candidate;
    }

    /** What the study knows of already: its trials, its warm start and its queue. */
    private static Set<Candidate> known(StudySnapshot stored) {
        Set<Candidate> known = new HashSet<>();
        Stream.concat(stored.trials().stream(), stored.warmStart().stream().flatMap(w -> w.trials().stream()))
                .map(Trial::candidate).forEach(known::add);
        Study.waiting(stored.queue(), stored.trials()).forEach(q -> known.add(q.candidate()));
        return known;
    }

    /** {@code candidates} but those {@code known}, which are said in {@code lines}; the kept become known. */
    private List<Candidate> keep(List<Candidate> candidates, String from, Set<Candidate> known, List<String> lines) {
        List<Candidate> kept = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (skipIfExists && !known.add(candidate)) {
                lines.add("nas: skipped " + candidate.key() + " from " + from + ": the study has it already");
            } else {
                kept.add(candidate);
            }
        }
        return kept;
    }

    private static String source(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }
}
