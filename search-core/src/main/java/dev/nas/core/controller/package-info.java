/**
 * Search controllers behind one seam: {@link dev.nas.core.controller.Controller#ask} looks at the study and
 * decides what to train next ({@link dev.nas.core.controller.Decision}). Controllers are functions of the stored
 * trials: randomness comes from the study seed and the trial number, memory from trial attributes, so a resumed
 * study makes the decisions it would have made. One package per algorithm.
 */
package dev.nas.core.controller;
