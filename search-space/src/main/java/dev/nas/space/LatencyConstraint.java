package dev.nas.space;

/** How MnasNet's reward treats the target latency T. */
public enum LatencyConstraint {
    /** ACC x (LAT/T)^w on both sides of T: slower costs a little, faster gains a little. */
    SOFT,
    /** ACC under T; ACC x T/LAT over it. */
    HARD
}
