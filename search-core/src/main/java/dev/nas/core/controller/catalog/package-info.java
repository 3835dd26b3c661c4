/**
 * Builds the controller a {@link dev.nas.core.controller.ControllerSpec} names: the one package that knows every
 * algorithm, so that the algorithms and the study that runs them never depend on each other's packages.
 */
package dev.nas.core.controller.catalog;
