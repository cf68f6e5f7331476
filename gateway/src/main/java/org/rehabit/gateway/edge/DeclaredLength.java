package org.rehabit.gateway.edge;

/** The length a message declares in its {@code Content-Length} header, read the one way every check here reads it. */
public final class DeclaredLength {

    private DeclaredLength() {
    }

    /** The declared number of bytes, or −1 when the header is absent, malformed or negative. */
    public static long of(String header) {
        if (header == null) {
            return -1;
        }
        try {
            long bytes = Long.parseLong(header.trim());
            return bytes >= 0 ? bytes : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
