package dev.nas.core.study;

import dev.nas.core.storage.Claimable;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.storage.Queued;
import dev.nas.core.storage.StudyRefused;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A place for one study that lives as long as the process: for tests, comparisons and searches nobody resumes. Like
 * a study file, it is continued by one search at a time and read by anyone.
 */
public final class InMemoryStudyLocation implements StudyLocation<StudyStore> {

    private final String name;
    private InMemoryStorage trials;
    private StudySpec spec;
    private Map<String, String> runOptions;
    private Optional<String> warmStartSource;
    private boolean open;

    public InMemoryStudyLocation(String name) {
        this.name = name;
    }

    @Override
    public synchronized boolean exists() {
        return trials != null;
    }

    @Override
    public synchronized StudyStore create(StudySpec newSpec, Map<String, String> options,
                                          Optional<WarmStart> warmStart) {
        if (exists()) {
            throw new StudyRefused("a study exists already at " + describe());
        }
        trials = new InMemoryStorage(warmStart.map(WarmStart::trials).orElse(List.of()));
        spec = newSpec;
        runOptions = Map.copyOf(options);
        warmStartSource = warmStart.map(WarmStart::source);
        return open();
    }

    @Override
    public synchronized StudyStore open() {
        if (!exists()) {
            throw new StudyRefused("no study at " + describe());
        }
        if (open) {
            throw new StudyRefused("the study at " + describe() + " is in use by another search");
        }
        open = true;
        trials.forgetHolders();
        return new Store(true, true);
    }

    @Override
    public <T> T update(Function<? super StudyStore, T> changing) {
        synchronized (this) {
            if (!exists()) {
                throw new StudyRefused("no study at " + describe());
            }
            if (open) {
                throw new StudyRefused("the study at " + describe() + " is in use by another search");
            }
        }
        try (Store store = new Store(true, false)) {
            return changing.apply(store);
        }
    }

    @Override
    public <T> T read(Function<? super StudyStore, T> reading) {
        synchronized (this) {
            if (!exists()) {
                throw new StudyRefused("no study at " + describe());
            }
        }
        try (Store store = new Store(false, false)) {
            return reading.apply(store);
        }
    }

    @Override
    public String describe() {
        return "memory:" + name;
    }

    /**
     * The study as one search, change or reader sees it; a reader's writes are refused, as a read-only file's are.
     * A search's store is the one search the study has open until it closes.
     */
    private final class Store implements StudyStore {

        private final boolean writer;
        private final boolean search;
        private boolean closed;

        Store(boolean writer, boolean search) {
            this.writer = writer;
            this.search = search;
        }

        @Override
        public StudySpec spec() {
            synchronized (InMemoryStudyLocation.this) {
                return spec;
            }
        }

        @Override
        public void setBudget(double budget) {
            synchronized (InMemoryStudyLocation.this) {
                writable();
                spec = spec.withBudget(budget);
            }
        }

        @Override
        public Map<String, String> runOptions() {
            synchronized (InMemoryStudyLocation.this) {
                return runOptions;
            }
        }

        @Override
        public void setRunOptions(Map<String, String> options) {
            synchronized (InMemoryStudyLocation.this) {
                writable();
                runOptions = Map.copyOf(options);
            }
        }

        @Override
        public Optional<String> warmStartSource() {
            synchronized (InMemoryStudyLocation.this) {
                return warmStartSource;
            }
        }

        @Override
        public List<Trial> trials() {
            return trials.trials();
        }

        @Override
        public List<Trial> warmTrials() {
            return trials.warmTrials();
        }

        @Override
        public List<Queued> queue() {
            return trials.queue();
        }

        @Override
        public List<Queued> enqueue(List<Candidate> candidates, String source, Instant now) {
            writable();
            return trials.enqueue(candidates, source, now);
        }

        @Override
        public Optional<Trial> claim(Function<Claimable, Optional<Trial>> choose) {
            writable();
            return trials.claim(choose);
        }

        @Override
        public void recordEpoch(int trial, EpochRecord epoch) {
            writable();
            trials.recordEpoch(trial, epoch);
        }

        @Override
        public List<EpochRecord> epochsSoFar(int trial) {
            return trials.epochsSoFar(trial);
        }

        @Override
        public void finish(Trial finished, Function<List<Trial>, List<Integer>> front) {
            writable();
            trials.finish(finished, front);
        }

        @Override
        public List<Integer> front() {
            return trials.front();
        }

        private void writable() {
            if (!writer || closed) {
                throw new IllegalStateException("the study at " + describe() + " is open only to read");
            }
        }

        @Override
        public void close() {
            synchronized (InMemoryStudyLocation.this) {
                if (search && !closed) {
                    open = false;
                }
                closed = true;
            }
        }
    }
}
