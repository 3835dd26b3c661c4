/** Prescreening around any controller: a zero-cost proxy picks which of its proposals is trained. */
package dev.nas.core.controller.prescreen;
