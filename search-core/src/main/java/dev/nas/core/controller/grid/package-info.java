/** Grid search over every finite (or grid-resolved) dimension, in a seeded, spread-out order. */
package dev.nas.core.controller.grid;
