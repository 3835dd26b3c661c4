/**
 * Studies in H2 files, one study per file, behind the core's {@link dev.nas.core.study.StudyLocation} and
 * {@link dev.nas.core.study.StudyStore} ports. By concern: {@link dev.nas.runs.storage.StudyFiles} (where a
 * study's files are), {@link dev.nas.runs.storage.H2StudyLocation} (its life: create, open, read, never harm),
 * {@link dev.nas.runs.storage.H2Connections} (logins, modes and who may connect), {@code StoreCheck} (is a file
 * whole), {@link dev.nas.runs.storage.H2Storage} (an open study: the one transaction helper and the trials port),
 * {@code Rows} (row mapping), {@code Schema} (Flyway migrations) and {@link dev.nas.runs.storage.LatencyLookup}.
 */
package dev.nas.runs.storage;
