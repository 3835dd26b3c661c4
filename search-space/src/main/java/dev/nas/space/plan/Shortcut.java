package dev.nas.space.plan;

/** The residual connection a planned layer actually gets, once shapes are known. */
public enum Shortcut {
    NONE,
    /** Input added to output unchanged: shapes agree. */
    IDENTITY,
    /** Input average-pooled by the stride and projected by a 1 x 1 convolution where channels change. */
    PROJECTION
}
