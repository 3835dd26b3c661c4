/**
 * A study's results as tables an engineer can use: the Pareto front and every trial, as aligned text, CSV or JSON;
 * and a trial exported for deployment, with its one-candidate space and a manifest ({@link
 * dev.nas.runs.export.TrialExport}).
 */
package dev.nas.runs.export;
