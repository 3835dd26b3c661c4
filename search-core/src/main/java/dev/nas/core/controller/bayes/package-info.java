/**
 * Bayesian optimisation on Gaussian processes over the space's encoding: {@link
 * dev.nas.core.controller.bayes.BayesianOptimization} (expected improvement or an upper confidence bound on the
 * reward, or ParEGO's scalarisations) and {@link dev.nas.core.controller.bayes.ExpectedHypervolumeImprovement}
 * (one process per objective, expected hypervolume improvement). What both need is shared here, package-private:
 * the observations and encoding ({@code Observations}), the refit schedule ({@code Refits}), the candidate pool
 * ({@code CandidatePool}) and expected improvement ({@code Improvement}).
 */
package dev.nas.core.controller.bayes;
