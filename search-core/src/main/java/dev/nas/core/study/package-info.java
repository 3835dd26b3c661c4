/**
 * The study: one search's settings ({@link dev.nas.core.study.StudySpec}) and its coordinator ({@link
 * dev.nas.core.study.Study}), which takes queued candidates first, then asks the controller for trials within the
 * budget, and records their outcomes and the Pareto front through the {@link dev.nas.core.storage.Storage} port;
 * what a study may know before its first trial ({@link dev.nas.core.study.WarmStart}).
 */
package dev.nas.core.study;
