/**
 * The search loop: ask the study for a trial, train it, time it, tell the study; a candidate's failure becomes a
 * failed trial and the search goes on. {@link dev.nas.core.search.SearchListener} reports progress.
 */
package dev.nas.core.search;
