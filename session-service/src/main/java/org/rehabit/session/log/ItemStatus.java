package org.rehabit.session.log;

/** Whether the patient did a program item in a session. */
public enum ItemStatus {
    DONE, SKIPPED
}
