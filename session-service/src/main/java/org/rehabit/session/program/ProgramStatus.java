package org.rehabit.session.program;

/** Where a program is in its life: open ones ({@code ACTIVE}, {@code PAUSED}) are at most one per patient. */
public enum ProgramStatus {
    ACTIVE, PAUSED, COMPLETED, CANCELLED;

    public boolean isOpen() {
        return this == ACTIVE || this == PAUSED;
    }
}
