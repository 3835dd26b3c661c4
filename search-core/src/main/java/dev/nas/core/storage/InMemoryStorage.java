package dev.nas.core.storage;

import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A storage that lives as long as the process: for tests and for searches nobody needs to resume. */
public final class InMemoryStorage implements Storage {

    private final TreeMap<Integer, Trial> trials = new TreeMap<>();
    private final Map<Integer, List<EpochRecord>> epochsSoFar = new HashMap<>();
    private List<Integer> front = List.of();

    @Override
    public synchronized List<Trial> trials() {
        return List.copyOf(trials.values());
    }

    @Override
    public synchronized void insert(Trial running) {
        if (trials.putIfAbsent(running.number(), running) != null) {
            throw new IllegalStateException("trial " + running.number() + " exists already");
        }
    }

    @Override
    public synchronized void recordEpoch(int trial, EpochRecord epoch, Instant now) {
        running(trial);
        List<EpochRecord> epochs = epochsSoFar.computeIfAbsent(trial, t -> new ArrayList<>());
        epochs.removeIf(e -> e.epoch() >= epoch.epoch());
        epochs.add(epoch);
    }

    @Override
    public synchronized List<EpochRecord> epochsSoFar(int trial) {
        return List.copyOf(epochsSoFar.getOrDefault(trial, List.of()));
    }

    @Override
    public synchronized void finish(Trial finished, List<Integer> newFront) {
        running(finished.number());
        trials.put(finished.number(), finished);
        epochsSoFar.remove(finished.number());
        front = List.copyOf(newFront);
    }

    private void running(int trial) {
        Trial stored = trials.get(trial);
        if (stored == null || stored.outcome().isPresent()) {
            throw new IllegalStateException("trial " + trial + " is not running");
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
