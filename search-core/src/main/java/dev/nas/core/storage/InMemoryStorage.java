package dev.nas.core.storage;

import dev.nas.core.trial.Trial;
import java.util.List;
import java.util.TreeMap;

/** A storage that lives as long as the process: for tests and for searches nobody needs to resume. */
public final class InMemoryStorage implements Storage {

    private final TreeMap<Integer, Trial> trials = new TreeMap<>();
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
    public synchronized void finish(Trial finished, List<Integer> newFront) {
        Trial stored = trials.get(finished.number());
        if (stored == null || stored.outcome().isPresent()) {
            throw new IllegalStateException("trial " + finished.number() + " is not running");
        }
        trials.put(finished.number(), finished);
        front = List.copyOf(newFront);
    }

    @Override
    public synchronized List<Integer> front() {
        return front;
    }

    @Override
    public void close() {
    }
}
