/**
 * The study: one search's settings ({@link dev.nas.core.study.StudySpec}) and its coordinator ({@link
 * dev.nas.core.study.Study}), which asks the controller for trials within the budget and records their outcomes
 * and the Pareto front through the {@link dev.nas.core.storage.Storage} port.
 */
package dev.nas.core.study;
