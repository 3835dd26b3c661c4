/**
 * The morning-after report: one self-contained HTML page (inline CSS, script and SVG drawn here, nothing fetched)
 * that shows what a search found, what each choice costs, and which model to take. {@link
 * dev.nas.runs.report.Report} assembles it from a study's settings and trials; each section is its own small type.
 */
package dev.nas.runs.report;
