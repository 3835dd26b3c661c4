/**
 * Search controllers: {@link dev.nas.core.controller.ControllerSpec} says which one a study runs, with every
 * parameter, and is stored with the study; one package per algorithm implements the study's
 * {@link dev.nas.core.study.Controller} seam, and {@link dev.nas.core.controller.catalog} builds the one a spec
 * names. Controllers are functions of the stored trials: randomness comes from the study seed and the trial number,
 * memory from trial attributes, so a resumed study makes the decisions it would have made.
 */
package dev.nas.core.controller;
