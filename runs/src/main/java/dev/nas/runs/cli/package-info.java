/**
 * The {@code nas} command line: a search by default ({@code nas --space spaces/mobile.yaml --budget 200}), and the
 * {@code status}, {@code pareto} and {@code trials} commands that read a study database.
 */
package dev.nas.runs.cli;
