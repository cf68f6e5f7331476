package org.rehabit.support;

/**
 * Optimistic concurrency over HTTP, the same in every service: a resource's ETag is its revision, and an
 * edit names the copy it was made from with {@code If-Match} (one or more ETags, or {@code *}).
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** The strong ETag of a revision. */
    public static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    /**
     * Checks {@code ifMatch} against the resource's {@code current} ETag.
     *
     * @param required whether a missing If-Match is refused (428) or allowed
     * @throws StaleRevision 412 when none of the given ETags is the current one, 428 when required and missing
     */
    public static void check(String ifMatch, String current, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw StaleRevision.ifMatchMissing();
            }
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals(current)) {
                return;
            }
        }
        throw StaleRevision.mismatch(current);
    }
}
