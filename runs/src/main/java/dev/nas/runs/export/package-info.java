/**
 * A study's results as tables an engineer can use: the Pareto front and every trial, as aligned text, CSV or JSON.
 */
package dev.nas.runs.export;
