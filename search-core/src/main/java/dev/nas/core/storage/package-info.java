/**
 * Where a study's trials and front live, with the trials it was warm-started with and its queue of candidates to try
 * first ({@link dev.nas.core.storage.Queued}): the {@link dev.nas.core.storage.Storage} port, an in-memory
 * implementation for tests and throwaway runs, and (in module runs) an H2 file or a PostgreSQL database.
 */
package dev.nas.core.storage;
