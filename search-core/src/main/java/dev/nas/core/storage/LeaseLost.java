package dev.nas.core.storage;

/**
 * A worker wrote to a trial it no longer holds: its lease lapsed (it was paused, or cut off from the database, for
 * longer than the lease) and another worker took the trial over. The work is the other worker's now; this one drops
 * it and claims another trial.
 */
public final class LeaseLost extends StorageException {

    public LeaseLost(String message) {
        super(message);
    }
}
