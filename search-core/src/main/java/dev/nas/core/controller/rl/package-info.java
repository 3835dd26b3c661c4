/** MnasNet's reinforcement-learning controller: a policy over the space's choices trained by policy gradient. */
package dev.nas.core.controller.rl;
