package dev.nas.eval.dl4j;

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
 * Trained networks kept by trial number, one DL4J model zip each ({@code trial-N.zip}, with the optimiser's state),
 * so that a later trial can continue from them and a chosen one can be exported. A running trial's zip holds its
 * last completed epoch (DL4J's epoch count says which), so an interrupted trial continues from there; a failed
 * trial's is deleted. A zip loads with DL4J alone:
 * {@code ModelSerializer.restoreComputationGraph(file, true)}.
 */
public final class Checkpoints {

    private final Path directory;

    public Checkpoints(Path directory) {
        this.directory = directory;
    }

    public Path file(int trial) {
        return directory.resolve("trial-" + trial + ".zip");
    }

    void save(int trial, ComputationGraph network) {
        try {
            Files.createDirectories(directory);
            Path target = file(trial);
            Path partial = directory.resolve(target.getFileName() + ".partial");
            ModelSerializer.writeModel(network, partial.toFile(), true);
            // Renamed into place so that a crash never leaves a truncated checkpoint under the final name.
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the checkpoint of trial " + trial + " in " + directory, e);
        }
    }

    /**
     * Copies trial {@code trial}'s network to {@code target}, once it has loaded with DL4J and shown as many
     * parameters as {@code candidate}'s network in {@code space}: a checkpoint another study left at the same path
     * is refused, not exported.
     */
    public void copy(int trial, SearchSpace space, Candidate candidate, Path target) {
        ComputationGraph network = load(trial);
        ComputationGraph expected = NetworkBuilder.build(NetworkPlan.of(space, candidate), candidate.training(),
                space.training(), 0);
        try {
            if (network.numParams() != expected.numParams()) {
                throw new IllegalStateException("the checkpoint " + file(trial) + " holds a network of "
                        + network.numParams() + " parameters, " + candidate.key() + " has " + expected.numParams()
                        + ": it is not trial " + trial + "'s");
            }
            Files.copy(file(trial), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file(trial) + " to " + target, e);
        } finally {
            network.close();
            expected.close();
        }
    }

    void delete(int trial) {
        try {
            Files.deleteIfExists(file(trial));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the checkpoint of trial " + trial + " in " + directory, e);
        }
    }

    ComputationGraph load(int trial) {
        Path file = file(trial);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no checkpoint of trial " + trial + " at " + file);
        }
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + file, e);
        }
    }
}
