package dev.nas.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.storage.Queued;
import dev.nas.core.storage.StorageContract;
import dev.nas.core.storage.StudyRefused;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What every {@link StudyLocation} must do with a study's life; each implementation's test extends this. */
public abstract class StudyLocationContract {

    private static final StudySpec SPEC = Fakes.spec("tiny", "random", 6, 11);
    private static final Map<String, String> OPTIONS = Map.of("max_failures", "4", "validation", "0.25");

    /** A fresh place where no study is kept yet. */
    protected abstract StudyLocation<?> location();

    /** Whether many workers search a study here at once (a server), rather than one search at a time (a file). */
    protected boolean sharedByWorkers() {
        return false;
    }

    @Test
    void whereNoStudyIsKeptNothingOpensOrReads() {
        StudyLocation<?> location = location();
        assertFalse(location.exists());
        assertThrows(StudyRefused.class, location::open);
        assertThrows(StudyRefused.class, () -> location.read(StudyStore::spec));
        assertFalse(location.exists(), "a refused open or read creates nothing");
    }

    @Test
    void aCreatedStudyKeepsItsSettingsRunOptionsAndTrials() {
        StudyLocation<?> location = location();
        Trial done = StorageContract.completedTrial(0);
        try (StudyStore study = location.create(SPEC, OPTIONS)) {
            assertEquals(SPEC, study.spec());
            assertEquals(OPTIONS, study.runOptions());
            study.claim(claimable -> Optional.of(Trial.start(0, done.candidate(), done.seed(), done.epochs(),
                    done.attributes(),
                    done.started())));
            study.finish(done, trials -> List.of(0));
        }
        assertTrue(location.exists());
        assertEquals(SPEC, location.read(StudyStore::spec));
        assertEquals(OPTIONS, location.read(StudyStore::runOptions));
        assertEquals(List.of(done), location.read(StudyStore::trials));
        assertEquals(List.of(0), location.read(StudyStore::front));
    }

    @Test
    void aStudyIsCreatedOnce() {
        StudyLocation<?> location = location();
        location.create(SPEC, OPTIONS).close();
        StudyRefused refused = assertThrows(StudyRefused.class,
                () -> location.create(SPEC.withBudget(99), Map.of()));
        assertTrue(refused.getMessage().contains(location.describe()), refused.getMessage());
        assertEquals(SPEC, location.read(StudyStore::spec), "the study that was there is unchanged");
    }

    @Test
    void oneSearchAtATimeOrManyWorkersContinueAStudyWhileAnyoneReadsIt() {
        StudyLocation<?> location = location();
        location.create(SPEC, OPTIONS).close();
        try (StudyStore search = location.open()) {
            if (sharedByWorkers()) {
                location.open().close();
            } else {
                assertThrows(StudyRefused.class, location::open);
            }
            search.setBudget(8);
            assertEquals(8.0, location.read(study -> study.spec().budget()), "a reader sees what the search wrote");
        }
        location.open().close();
    }

    @Test
    void aTrialLeftRunningByASearchThatIsGoneIsTakenOverByTheNextUnlessItsLeaseHolds() {
        StudyLocation<?> location = location();
        Trial running = Trial.start(0, StorageContract.completedTrial(0).candidate(), 5, 2, Map.of(),
                StorageContract.completedTrial(0).started());
        try (StudyStore first = location.create(SPEC, OPTIONS)) {
            first.claim(claimable -> Optional.of(running));
        }
        try (StudyStore next = location.open()) {
            Optional<Trial> taken = next.claim(claimable -> claimable.abandoned().stream().findFirst());
            // On a server the trial stays its worker's until its lease lapses.
            assertEquals(sharedByWorkers() ? Optional.empty() : Optional.of(running), taken);
            assertEquals(List.of(running), next.trials(), "the trial is kept as it was, with its number and seed");
        }
    }

    @Test
    void budgetAndRunOptionsChangedByASearchAreKept() {
        StudyLocation<?> location = location();
        location.create(SPEC, OPTIONS).close();
        try (StudyStore search = location.open()) {
            search.setBudget(9.5);
            search.setRunOptions(Map.of("data", "/data/fashion"));
        }
        assertEquals(SPEC.withBudget(9.5), location.read(StudyStore::spec));
        assertEquals(Map.of("data", "/data/fashion"), location.read(StudyStore::runOptions));
    }

    @Test
    void aSearchWithTheSameSettingsContinuesTheStudyWithItsBudgetAndOptions() {
        StudyLocation<?> location = location();
        try (StudyStore first = location.openOrCreate(SPEC, OPTIONS)) {
            assertEquals(SPEC, first.spec());
        }
        try (StudyStore again = location.openOrCreate(SPEC.withBudget(12), Map.of("validation", "0.25"))) {
            assertEquals(12.0, again.spec().budget());
            assertEquals(Map.of("validation", "0.25"), again.runOptions());
        }
    }

    @Test
    void aSearchWithOtherSettingsIsRefusedWithWhatDiffersAndChangesNothing() {
        StudyLocation<?> location = location();
        location.create(SPEC, OPTIONS).close();
        StudySpec other = Fakes.spec("tiny", "evolution", 20, 12);
        StudyRefused refused = assertThrows(StudyRefused.class, () -> location.openOrCreate(other, Map.of()));
        assertTrue(refused.getMessage().contains("controller: random vs evolution"), refused.getMessage());
        assertTrue(refused.getMessage().contains("seed: 11 vs 12"), refused.getMessage());
        assertEquals(SPEC, location.read(StudyStore::spec));
        assertEquals(OPTIONS, location.read(StudyStore::runOptions));
        location.open().close();
    }

    private static final Function<String, WarmStart> NOT_READ = source -> {
        throw new AssertionError("the warm start " + source + " was read for a study that exists");
    };

    private static WarmStart warmStart(String source) {
        return WarmStart.of(source, List.of(StorageContract.completedTrial(3), StorageContract.completedTrial(7)),
                t -> "trial " + t.number());
    }

    @Test
    void aWarmStartedStudyKeepsItsWarmTrialsAndSourceApartFromItsOwnTrials() {
        StudyLocation<?> location = location();
        WarmStart warm = warmStart("memory:earlier");
        Trial done = StorageContract.completedTrial(0);
        try (StudyStore study = location.openOrCreate(SPEC, OPTIONS, Optional.of(warm.source()), source -> warm)) {
            assertEquals(warm.trials(), study.warmTrials());
            assertEquals(List.of(), study.trials());
            study.claim(claimable -> Optional.of(Trial.start(0, done.candidate(), done.seed(), done.epochs(),
                    done.attributes(), done.started())));
            study.finish(done, trials -> List.of(0));
        }
        assertEquals(warm.trials(), location.read(StudyStore::warmTrials));
        assertEquals(List.of(-2, -1), location.read(StudyStore::warmTrials).stream().map(Trial::number).toList());
        assertEquals(Optional.of("memory:earlier"), location.read(StudyStore::warmStartSource));
        assertEquals(List.of(done), location.read(StudyStore::trials));
        assertEquals(List.of(0), location.read(StudyStore::front));

        location.openOrCreate(SPEC, OPTIONS, Optional.of("memory:earlier"), NOT_READ).close();
        location.openOrCreate(SPEC.withBudget(7), OPTIONS).close();
        assertEquals(warm.trials(), location.read(StudyStore::warmTrials), "continued without --warm-start");
        StudyRefused refused = assertThrows(StudyRefused.class, () -> location.openOrCreate(SPEC.withBudget(99),
                Map.of(), Optional.of("memory:other"), NOT_READ));
        assertTrue(refused.getMessage().contains("warm start: memory:earlier vs memory:other"), refused.getMessage());
        assertEquals(7.0, location.read(study -> study.spec().budget()), "a refused study is left as it was");
        assertEquals(OPTIONS, location.read(StudyStore::runOptions));
    }

    @Test
    void aStudyMadeWithoutAWarmStartIsNotGivenOneLater() {
        StudyLocation<?> location = location();
        location.create(SPEC, OPTIONS).close();
        StudyRefused refused = assertThrows(StudyRefused.class, () -> location.openOrCreate(SPEC, OPTIONS,
                Optional.of("memory:earlier"), NOT_READ));
        assertTrue(refused.getMessage().contains("warm start: none vs memory:earlier"), refused.getMessage());
        assertEquals(List.of(), location.read(StudyStore::warmTrials));
        assertEquals(Optional.empty(), location.read(StudyStore::warmStartSource));
    }

    @Test
    void candidatesAreQueuedBetweenSearchesAndSeenByTheNextClaim() {
        StudyLocation<?> location = location();
        location.create(SPEC, OPTIONS).close();
        Candidate candidate = StorageContract.completedTrial(0).candidate();
        Instant now = Instant.parse("2026-12-02T09:30:00Z");
        List<Queued> queued = location.update(study -> study.enqueue(List.of(candidate), "--key", now));
        assertEquals(List.of(new Queued(0, candidate, "--key", now)), queued);
        assertEquals(queued, location.read(StudyStore::queue));
        try (StudyStore search = location.open()) {
            if (sharedByWorkers()) {
                location.update(study -> study.enqueue(List.of(candidate), "beside.yaml", now));
            } else {
                assertThrows(StudyRefused.class, () -> location.update(study -> study.enqueue(List.of(candidate),
                        "during.yaml", now)), "a study only one search opens is changed between searches");
            }
            int expected = sharedByWorkers() ? 2 : 1;
            search.claim(claimable -> {
                assertEquals(expected, claimable.queue().size());
                return Optional.empty();
            });
        }
        assertEquals(sharedByWorkers() ? 2 : 1, location.read(StudyStore::queue).size());
        assertThrows(RuntimeException.class, () -> location.read(study -> study.enqueue(List.of(candidate), "--key",
                now)), "a reader changes nothing");
        assertEquals(sharedByWorkers() ? 2 : 1, location.read(StudyStore::queue).size());
    }
}
