package org.rehabit.support;

/**
 * The caller's role may use the operation, but not on this record or not any more, for a reason the caller should
 * read (answered with 403 and that reason): e.g. a discharged patient whose access has ended.
 */
public class Refused extends RuntimeException {

    private final String type;

    /**
     * @param type    the problem type's last part (urn:rehabit:problem:{type}), for clients that act on it
     * @param message the reason, shown to the caller
     */
    public Refused(String type, String message) {
        super(message);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
