/**
 * Reading search spaces from YAML. Every problem is reported at once, each naming the file, the line and the key,
 * e.g. {@code spaces/mobile.yaml:14: blocks[3].kernel: empty choice list}; nothing is built from a space with
 * problems. The format is documented in the README.
 */
package dev.nas.space.yaml;
