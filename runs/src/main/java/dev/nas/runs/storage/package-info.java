/**
 * Studies in an H2 database file, one study per file: the study's settings (with the space's YAML verbatim),
 * every trial with its per-epoch records, and the current Pareto front. All writes go through one transaction
 * helper; a trial's outcome and the front it implies are committed together.
 */
package dev.nas.runs.storage;
