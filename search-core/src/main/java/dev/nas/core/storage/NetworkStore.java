package dev.nas.core.storage;

import java.nio.file.Path;

/**
 * Trained networks kept by trial number, each a file of bytes (a DL4J model zip), where every worker of the study
 * reaches them: a folder beside a study file, a folder the machines share, or the study's database. Controllers
 * continue from them (successive halving's promotions, PBT's exploitation), a trial taken over continues from its
 * last epoch's, and exports read them.
 */
public interface NetworkStore {

    /** Keeps the network in {@code file} as {@code trial}'s, replacing the one kept: readers find one, never a part. */
    void put(int trial, Path file);

    /** Whether a network is kept for {@code trial}. */
    boolean has(int trial);

    /** Writes {@code trial}'s network to {@code target}; refused if none is kept. */
    void copyTo(int trial, Path target);

    /** Forgets {@code trial}'s network, if one is kept. */
    void delete(int trial);

    /** Where {@code trial}'s network is kept, for messages. */
    String describe(int trial);
}
