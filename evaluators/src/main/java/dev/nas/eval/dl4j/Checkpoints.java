package dev.nas.eval.dl4j;

import dev.nas.core.storage.NetworkStore;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Trained networks kept by trial number in a {@link NetworkStore}, one DL4J model zip each (with the optimiser's
 * state), so that a later trial can continue from them, on this machine or another, and a chosen one can be
 * exported. A running trial's zip holds its last completed epoch (DL4J's epoch count says which), so an interrupted
 * trial continues from there; a failed trial's is deleted. A zip loads with DL4J alone:
 * {@code ModelSerializer.restoreComputationGraph(file, true)}. Zips pass through private temporary files, since
 * DL4J reads and writes whole files and a store may be a database.
 */
public final class Checkpoints {

    private final NetworkStore store;

    public Checkpoints(NetworkStore store) {
        this.store = store;
    }

    /** Whether {@code trial}'s network is kept. */
    public boolean has(int trial) {
        return store.has(trial);
    }

    /** Where {@code trial}'s network is kept, for messages. */
    public String describe(int trial) {
        return store.describe(trial);
    }

    void save(int trial, ComputationGraph network) {
        Path file = temporary();
        try {
            ModelSerializer.writeModel(network, file.toFile(), true);
            store.put(trial, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the checkpoint of trial " + trial + " to "
                    + store.describe(trial), e);
        } finally {
            deleteQuietly(file);
        }
    }

    /**
     * Writes trial {@code trial}'s network to {@code target}, once it has loaded with DL4J and shown as many
     * parameters as {@code candidate}'s network in {@code space}: a checkpoint another study left at the same place
     * is refused, not exported.
     */
    public void copy(int trial, SearchSpace space, Candidate candidate, Path target) {
        store.copyTo(trial, target);
        ComputationGraph network = restore(target, trial);
        ComputationGraph expected = NetworkBuilder.build(NetworkPlan.of(space, candidate), candidate.training(),
                space.training(), 0);
        try {
            if (network.numParams() != expected.numParams()) {
                deleteQuietly(target);
                throw new IllegalStateException("the checkpoint " + store.describe(trial) + " holds a network of "
                        + network.numParams() + " parameters, " + candidate.key() + " has " + expected.numParams()
                        + ": it is not trial " + trial + "'s");
            }
        } finally {
            network.close();
            expected.close();
        }
    }

    void delete(int trial) {
        store.delete(trial);
    }

    ComputationGraph load(int trial) {
        if (!store.has(trial)) {
            throw new IllegalStateException("no checkpoint of trial " + trial + " at " + store.describe(trial));
        }
        Path file = temporary();
        try {
            store.copyTo(trial, file);
            return restore(file, trial);
        } finally {
            deleteQuietly(file);
        }
    }

    private ComputationGraph restore(Path file, int trial) {
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + store.describe(trial), e);
        }
    }

    private static Path temporary() {
        try {
            return Files.createTempFile("nas-network-", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for a network", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system clears its temporary folder
        }
    }
}
