/** Evolutionary controllers on Jenetics: regularized (aging) evolution and NSGA-II. */
package dev.nas.core.controller.evolution;
