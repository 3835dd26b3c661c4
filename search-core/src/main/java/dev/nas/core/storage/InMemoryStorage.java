package dev.nas.core.storage;

import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A storage that lives as long as the process: for tests and for searches nobody needs to resume. It is one
 * worker's: the running trials it did not claim itself are abandoned ones, as after {@link #forgetHolders()}.
 */
public final class InMemoryStorage implements Storage {

    private final TreeMap<Integer, Trial> trials = new TreeMap<>();
    private final Map<Integer, List<EpochRecord>> epochsSoFar = new HashMap<>();
    private final Set<Integer> held = new HashSet<>();
    private final List<Trial> warm;
    private final List<Queued> queue = new ArrayList<>();
    private List<Integer> front = List.of();

    /** An empty study, warm-started with nothing. */
    public InMemoryStorage() {
        this(List.of());
    }

    /** An empty study that knows {@code warmTrials} from the start (see {@link Storage#warmTrials()}). */
    public InMemoryStorage(List<Trial> warmTrials) {
        this.warm = List.copyOf(warmTrials);
    }

    @Override
    public synchronized List<Trial> trials() {
        return List.copyOf(trials.values());
    }

    @Override
    public List<Trial> warmTrials() {
        return warm;
    }

    @Override
    public synchronized List<Queued> queue() {
        return List.copyOf(queue);
    }

    @Override
    public synchronized List<Queued> enqueue(List<Candidate> candidates, String source, Instant now) {
        List<Queued> added = new ArrayList<>();
        for (Candidate candidate : candidates) {
            added.add(new Queued(queue.size() + added.size(), candidate, source, now));
        }
        queue.addAll(added);
        return List.copyOf(added);
    }

    @Override
    public synchronized Optional<Trial> claim(Function<Claimable, Optional<Trial>> choose) {
        List<Trial> all = List.copyOf(trials.values());
        List<Trial> abandoned = all.stream().filter(t -> t.outcome().isEmpty() && !held.contains(t.number()))
                .toList();
        Optional<Trial> chosen = choose.apply(new Claimable(all, abandoned, queue));
        chosen.ifPresent(trial -> {
            if (trial.number() == all.size() && trial.outcome().isEmpty()) {
                trials.put(trial.number(), trial);
            } else if (!abandoned.contains(trial)) {
                throw new IllegalStateException("trial " + trial.number() + " is neither the next one nor abandoned");
            }
            held.add(trial.number());
        });
        return chosen;
    }

    /** The process that held the running trials is gone (a study reopened): they are all abandoned now. */
    public synchronized void forgetHolders() {
        held.clear();
    }

    @Override
    public synchronized void recordEpoch(int trial, EpochRecord epoch) {
        holding(trial);
        List<EpochRecord> epochs = epochsSoFar.computeIfAbsent(trial, t -> new ArrayList<>());
        epochs.removeIf(e -> e.epoch() >= epoch.epoch());
        epochs.add(epoch);
    }

    @Override
    public synchronized List<EpochRecord> epochsSoFar(int trial) {
        return List.copyOf(epochsSoFar.getOrDefault(trial, List.of()));
    }

    @Override
    public synchronized void finish(Trial finished, Function<List<Trial>, List<Integer>> frontOf) {
        holding(finished.number());
        trials.put(finished.number(), finished);
        epochsSoFar.remove(finished.number());
        held.remove(finished.number());
        front = List.copyOf(frontOf.apply(List.copyOf(trials.values())));
    }

    private void holding(int trial) {
        Trial stored = trials.get(trial);
        if (stored == null || stored.outcome().isPresent()) {
            throw new IllegalStateException("trial " + trial + " is not running");
        }
        if (!held.contains(trial)) {
            throw new LeaseLost("trial " + trial + " is not this worker's");
        }
    }

    @Override
    public synchronized List<Integer> front() {
        return front;
    }

    @Override
    public void close() {
    }
}
