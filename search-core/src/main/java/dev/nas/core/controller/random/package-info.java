/** Random search (Bergstra and Bengio 2012): the baseline every other controller must beat. */
package dev.nas.core.controller.random;
