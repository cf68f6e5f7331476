package org.rehabit.support;

/**
 * The client edited from an old copy: its {@code If-Match} no longer matches (answered with 412), or it
 * sent none where one is required (answered with 428).
 */
public class StaleRevision extends RuntimeException {

    private final boolean missing;

    private StaleRevision(String message, boolean missing) {
        super(message);
        this.missing = missing;
    }

    public static StaleRevision mismatch(String currentEtag) {
        return new StaleRevision("The resource has changed since it was read (current ETag " + currentEtag
                + "); read it again and re-apply the change.", false);
    }

    public static StaleRevision ifMatchMissing() {
        return new StaleRevision("Send If-Match with the ETag of the copy being edited, so that no edit is lost.",
                true);
    }

    public boolean isMissing() {
        return missing;
    }
}
