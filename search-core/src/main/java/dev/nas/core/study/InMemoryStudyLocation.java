package dev.nas.core.study;

import dev.nas.core.storage.Claimable;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.storage.StudyRefused;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;
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
    private boolean open;

    public InMemoryStudyLocation(String name) {
        this.name = name;
    }

    @Override
    public synchronized boolean exists() {
        return trials != null;
    }

    @Override
    public synchronized StudyStore create(StudySpec newSpec, Map<String, String> options) {
        if (exists()) {
            throw new StudyRefused("a study exists already at " + describe());
        }
        trials = new InMemoryStorage();
        spec = newSpec;
        runOptions = Map.copyOf(options);
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
        return new Store(true);
    }

    @Override
    public <T> T read(Function<? super StudyStore, T> reading) {
        synchronized (this) {
            if (!exists()) {
                throw new StudyRefused("no study at " + describe());
            }
        }
        try (Store store = new Store(false)) {
            return reading.apply(store);
        }
    }

    @Override
    public String describe() {
        return "memory:" + name;
    }

    /** The study as one search or reader sees it; a reader's writes are refused, as a read-only file's are. */
    private final class Store implements StudyStore {

        private final boolean writer;
        private boolean closed;

        Store(boolean writer) {
            this.writer = writer;
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
        public List<Trial> trials() {
            return trials.trials();
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
                if (writer && !closed) {
                    open = false;
                }
                closed = true;
            }
        }
    }
}
