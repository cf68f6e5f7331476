package org.rehabit.session.program;

/** Which side(s) a dose is done on; {@code EACH_SIDE} means the whole dose on one side, then on the other. */
public enum Side {
    BOTH, EACH_SIDE, LEFT, RIGHT, ALTERNATING
}
