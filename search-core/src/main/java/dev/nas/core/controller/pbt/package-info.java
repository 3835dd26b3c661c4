/** Population-based training: members that copy better members' weights and perturb their hyperparameters. */
package dev.nas.core.controller.pbt;
