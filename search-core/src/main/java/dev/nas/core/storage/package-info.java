/**
 * Where a study's trials and front live: the {@link dev.nas.core.storage.Storage} port, an in-memory
 * implementation for tests and throwaway runs, and (in module runs) an H2 database.
 */
package dev.nas.core.storage;
